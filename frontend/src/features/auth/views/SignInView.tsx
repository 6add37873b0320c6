import { useEffect } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { Banner } from '../../../components/Banner';
import { safeNext, signInErrorMessage, startSignInURL } from '../../../lib/auth';
import { useSession } from '../../../lib/session';

/**
 * /signin: the portal signs in through the Key Manager (OIDC code + PKCE, run by the server).
 * A visitor is sent straight to its login page and comes back to ?next=; after a sign-out or a
 * failed sign-in this page stays, says why, and offers to sign in again.
 */
export function SignInView() {
  const { session, leave } = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const error = params.get('error');
  const signedOut = params.get('signed_out') === '1';
  const start = startSignInURL(next);
  const stay = Boolean(session) || Boolean(error) || signedOut;

  useEffect(() => {
    // replace: Back from the login page must not land here and bounce forward again.
    if (!stay) leave(start, true);
  }, [stay, start, leave]);

  if (session) return <Navigate to={next} replace />;

  return (
    <div className="signin">
      <div className="signin-card">
        <p className="brand">Gatehouse</p>
        <h1>Sign in</h1>
        {error && <Banner>{signInErrorMessage(error)}</Banner>}
        {signedOut && <Banner kind="success">You signed out.</Banner>}
        {stay ? (
          <a className="button primary" href={start}>
            Sign in
          </a>
        ) : (
          <p className="muted" role="status">
            Taking you to the sign-in page… <a href={start}>Continue</a>
          </p>
        )}
        <p className="muted">
          New to the Developer Portal? <Link to="/signup">Create an account</Link>
        </p>
      </div>
    </div>
  );
}
