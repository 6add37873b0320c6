import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { AuthError, safeNext, signInPath } from '../../../lib/auth';
import { errorMessage, toFormErrors } from '../../../lib/errors';
import { useSession } from '../../../lib/session';
import { SignUpForm, type SignUpValues } from '../components/SignUpForm';
import { signUpModeQuery, signUpMutation } from '../queries';

/**
 * /signup: a stranger creates a subscriber account, then is signed in (or told to wait for
 * approval) and continues to ?next= (a same-origin path; the Developer Portal otherwise).
 * From the Key Manager's login page, next is the pending authorization request: the browser
 * goes back to it, now signed in, and the portal's sign-in round trip ends where it started.
 */
export function SignUpView() {
  const { session, signIn, leave } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const asked = safeNext(params.get('next'));
  const next = asked === '/' ? '/devportal' : asked;
  const [mode] = useQuery({ query: signUpModeQuery });
  const [state, signUp] = useMutation(signUpMutation);
  const [pending, setPending] = useState<string | null>(null);
  const [signInError, setSignInError] = useState<string | null>(null);

  if (session && !serverPage(next)) return <Navigate to={next} replace />;

  async function submit(v: SignUpValues) {
    setSignInError(null);
    const r = await signUp({ input: v });
    if (!r.data) return;
    if (r.data.signUp.pendingApproval) {
      setPending(r.data.signUp.username);
      return;
    }
    try {
      await signIn(v.username, v.password);
      if (serverPage(next)) leave(next, true);
      else navigate(next, { replace: true });
    } catch (e) {
      setSignInError(e instanceof AuthError ? e.message : 'The server could not be reached.');
    }
  }

  let body;
  if (mode.error && !mode.data) body = <Banner>{errorMessage(mode.error)}</Banner>;
  else if (!mode.data) body = <p className="muted" role="status">Loading…</p>;
  else if (mode.data.signUpMode === 'DISABLED') body = <Banner>Self sign-up is turned off. Ask an administrator for an account.</Banner>;
  else if (pending)
    body = (
      <Banner kind="success">
        Thanks, {pending}. An administrator approves new accounts; you can sign in once yours is approved.
      </Banner>
    );
  else
    body = (
      <>
        {mode.data.signUpMode === 'APPROVAL' && <p className="muted">New accounts are approved by an administrator before they can sign in.</p>}
        {signInError && <Banner>{signInError}</Banner>}
        <SignUpForm onSubmit={(v) => void submit(v)} errors={toFormErrors(state.error)} submitting={state.fetching} />
      </>
    );

  return (
    <div className="signin">
      <div className="signin-card">
        <p className="brand">Gatehouse</p>
        <h1>Create a Developer Portal account</h1>
        {body}
        <p className="muted">
          Have an account? <Link to={signInPath(next)}>Sign in</Link>
        </p>
      </div>
    </div>
  );
}

/** A page the Go server serves rather than the SPA (the Key Manager's authorization endpoint). */
function serverPage(path: string): boolean {
  return path.startsWith('/oauth2/');
}
