import type { ReactNode } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { Banner } from './components/Banner';
import { NotFound } from './components/NotFound';
import { PortalForbidden } from './components/PortalForbidden';
import { Shell } from './components/Shell';
import { SignInFirst } from './components/SignInFirst';
import { SignInView } from './features/auth/views/SignInView';
import { SignUpView } from './features/signup/views/SignUpView';
import { homeFor, mayUsePortal, portalsFor, type Portal } from './lib/access';
import { signInPath, signUpPath } from './lib/auth';
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
      <Route element={<PortalLayout />}>
        <Route index element={<Home />} />
        {/* The Developer Portal is open: anonymous visitors browse it; its own pages ask for sign-in where needed. */}
        <Route path="devportal/*" element={<DevPortal />} />
        <Route path="publisher/*" element={<PortalGate portal="publisher"><PublisherPortal /></PortalGate>} />
        <Route path="catalog/*" element={<PortalGate portal="catalog"><CatalogPortal /></PortalGate>} />
        <Route path="admin/*" element={<PortalGate portal="admin"><AdminPortal /></PortalGate>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

/** "/": the first portal the viewer may use. */
function Home() {
  const { session } = useSession();
  return <Navigate to={homeFor(session)} replace />;
}

/**
 * A portal behind sign-in and a role: without a session, sign in and come back here; signed
 * in without the role, a page that says so in words.
 */
export function PortalGate({ portal, children }: { portal: Portal; children: ReactNode }) {
  const { session } = useSession();
  if (!session) return <SignInFirst />;
  if (!mayUsePortal(session, portal)) return <PortalForbidden portal={portal} session={session} />;
  return <>{children}</>;
}

/** The frame of every portal page, for signed-in users and anonymous visitors alike. */
function PortalLayout() {
  const { status, session, ended, signOut } = useSession();
  const location = useLocation();

  if (status === 'loading') return <p className="muted centered" role="status">Loading…</p>;
  if (status === 'error') return <Banner>The Gatehouse server could not be reached. Reload to try again.</Banner>;
  // Just signed out: straight to the page that says so, wherever the user was.
  if (!session && ended === 'signed-out') return <Navigate to="/signin?signed_out=1" replace />;

  const here = location.pathname + location.search;
  return (
    <Shell
      allowed={portalsFor(session)}
      username={session?.user.username ?? null}
      onSignOut={() => void signOut()}
      signInTo={signInPath(here)}
      signUpTo={signUpPath(here)}
    >
      <Outlet />
    </Shell>
  );
}
