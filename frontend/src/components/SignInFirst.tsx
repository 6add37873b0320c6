import { Navigate, useLocation } from 'react-router';
import { signInPath } from '../lib/auth';
import { useSession } from '../lib/session';

/** Sends a visitor to sign in, and back to this page (with its query string) afterwards. */
export function SignInFirst() {
  const { ended } = useSession();
  const location = useLocation();
  const to = ended === 'signed-out' ? '/signin?signed_out=1' : signInPath(location.pathname + location.search);
  return <Navigate to={to} replace />;
}
