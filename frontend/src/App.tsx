import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { Banner } from './components/Banner';
import { NotFound } from './components/NotFound';
import { Shell } from './components/Shell';
import { SignInView } from './features/auth/views/SignInView';
import { SignUpView } from './features/signup/views/SignUpView';
import { signInPath } from './lib/auth';
import { useSession } from './lib/session';
import { AdminPortal } from './portals/admin/AdminPortal';
import { CatalogPortal } from './portals/catalog/CatalogPortal';
import { DevPortal } from './portals/devportal/DevPortal';
import { PublisherPortal } from './portals/publisher/PublisherPortal';

/** Every route of the SPA. The Go server answers unknown paths with index.html, so deep links work. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/signin" element={<SignInView />} />
      <Route path="/signup" element={<SignUpView />} />
      <Route element={<SignedInLayout />}>
        <Route index element={<Navigate to="/publisher" replace />} />
        <Route path="publisher/*" element={<PublisherPortal />} />
        <Route path="devportal/*" element={<DevPortal />} />
        <Route path="catalog/*" element={<CatalogPortal />} />
        <Route path="admin/*" element={<AdminPortal />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

/** Pages behind sign-in: without a session, go to /signin and come back here afterwards. */
function SignedInLayout() {
  const { status, session, ended, signOut } = useSession();
  const location = useLocation();

  if (status === 'loading') return <p className="muted centered" role="status">Loading…</p>;
  if (status === 'error') return <Banner>The Gatehouse server could not be reached. Reload to try again.</Banner>;
  if (!session) {
    const to = ended === 'signed-out' ? '/signin?signed_out=1' : signInPath(location.pathname + location.search);
    return <Navigate to={to} replace />;
  }

  return (
    <Shell username={session.user.username} onSignOut={() => void signOut()}>
      <Outlet />
    </Shell>
  );
}
