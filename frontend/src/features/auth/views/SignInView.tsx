import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { AuthError, safeNext } from '../../../lib/auth';
import { useSession } from '../../../lib/session';
import { FederatedSignIn } from '../components/FederatedSignIn';
import { SignInForm } from '../components/SignInForm';

/** /signin: on success, continues to ?next= (a same-origin path) or the home page. */
export function SignInView() {
  const { session, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const next = safeNext(params.get('next'));

  if (session) return <Navigate to={next} replace />;

  async function submit(username: string, password: string) {
    setSubmitting(true);
    setError(null);
    try {
      await signIn(username, password);
      navigate(next, { replace: true });
    } catch (e) {
      setError(e instanceof AuthError ? e.message : 'The server could not be reached.');
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className="signin">
      <div className="signin-card">
        <p className="brand">Gatehouse</p>
        <h1>Sign in</h1>
        <SignInForm onSubmit={submit} error={error} submitting={submitting} />
        <FederatedSignIn next={next} />
        <p className="muted">
          New to the Developer Portal? <Link to="/signup">Create an account</Link>
        </p>
      </div>
    </div>
  );
}
