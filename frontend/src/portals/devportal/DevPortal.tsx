import type { ReactNode } from 'react';
import { Link, NavLink, Route, Routes, useLocation, useMatch, useParams } from 'react-router';
import { NotFound } from '../../components/NotFound';
import { SignInFirst } from '../../components/SignInFirst';
import { may } from '../../lib/access';
import { signInPath, signUpPath } from '../../lib/auth';
import { useSession } from '../../lib/session';
import { analyticsUrls } from '../../features/analytics/urls';
import { LazyTrafficDashboard } from '../../features/analytics/views/LazyTrafficDashboard';
import { applicationUrls } from '../../features/applications/urls';
import { ApplicationCreateView } from '../../features/applications/views/ApplicationCreateView';
import { ApplicationDetailView } from '../../features/applications/views/ApplicationDetailView';
import { ApplicationListView } from '../../features/applications/views/ApplicationListView';
import { ConsoleTokenPickerView } from '../../features/applications/views/ConsoleTokenPickerView';
import { SubscribePanelView } from '../../features/applications/views/SubscribePanelView';
import { discoveryUrls } from '../../features/discovery/urls';
import { ApiConsoleView } from '../../features/discovery/views/ApiConsoleView';
import { ApiOverviewView } from '../../features/discovery/views/ApiOverviewView';
import { PublishedApisView } from '../../features/discovery/views/PublishedApisView';
import '../../features/applications/applications.css';

/**
 * /devportal/*: discover published APIs, manage applications, subscribe, get keys. Open to
 * anonymous visitors, who browse, search and read PUBLIC published APIs (the server decides
 * which); applications and usage ask them to sign in, and come back afterwards.
 */
export function DevPortal() {
  // An API's page belongs to the APIs tab.
  const onApiPage = useMatch('/devportal/apis/*') !== null;
  const { session } = useSession();
  const own = may(session, 'apps:manage');
  return (
    <>
      <nav className="subnav" aria-label="Developer Portal">
        <NavLink to={discoveryUrls.catalogue()} end className={({ isActive }) => (isActive || onApiPage ? 'active' : '')}>
          APIs
        </NavLink>
        {own && (
          <>
            <NavLink to={applicationUrls.list()} className={({ isActive }) => (isActive ? 'active' : '')}>
              Applications
            </NavLink>
            <NavLink to={analyticsUrls.devportal()} className={({ isActive }) => (isActive ? 'active' : '')}>
              Usage
            </NavLink>
          </>
        )}
      </nav>
      <Routes>
        <Route index element={<PublishedApisView />} />
        <Route path="apis/:id" element={<ApiPage />} />
        <Route path="apis/:id/console" element={<ConsolePage />} />
        <Route path="applications" element={<SignedIn><ApplicationListView /></SignedIn>} />
        <Route path="applications/new" element={<SignedIn><ApplicationCreateView /></SignedIn>} />
        <Route
          path="applications/:id"
          element={
            <SignedIn>
              <ApplicationDetailView apiLink={(api) => <Link to={discoveryUrls.api(api.id)}>{api.name}</Link>} />
            </SignedIn>
          }
        />
        <Route path="analytics" element={<SignedIn><LazyTrafficDashboard title="Usage" /></SignedIn>} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </>
  );
}

/** Pages that are the signed-in user's own (applications, usage): anonymous visitors sign in first. */
function SignedIn({ children }: { children: ReactNode }) {
  const { session } = useSession();
  return session ? <>{children}</> : <SignInFirst />;
}

/**
 * An API's page: the discovery overview with the applications feature's Subscribe panel in it;
 * an anonymous visitor gets a Subscribe that signs in (or up) and comes back to this page.
 */
function ApiPage() {
  const { id = '' } = useParams();
  const { session } = useSession();
  const here = useHere();
  const subscribe = may(session, 'apps:manage') ? (
    <SubscribePanelView key={id} apiID={id} />
  ) : (
    <SignInToSubscribe signIn={signInPath(here)} signUp={signUpPath(here)} />
  );
  const signInToPost = may(session, 'apps:manage') ? undefined : (
    <>
      <Link to={signInPath(here)}>Sign in</Link> to rate this API or comment on it.
    </>
  );
  return <ApiOverviewView id={id} subscribe={subscribe} signInToPost={signInToPost} />;
}

/** The current path with its query string: where sign-in and sign-up come back to. */
function useHere(): string {
  const l = useLocation();
  return l.pathname + l.search;
}

/** The Subscribe panel as an anonymous visitor sees it. */
function SignInToSubscribe({ signIn, signUp }: { signIn: string; signUp: string }) {
  return (
    <section className="section panel" aria-labelledby="subscribe-title">
      <h2 id="subscribe-title">Subscribe</h2>
      <p>Sign in to subscribe an application to this API and get keys; you come back to this page afterwards.</p>
      <p className="form-actions">
        <Link className="button primary" to={signIn}>
          Sign in to subscribe
        </Link>
        <Link className="button" to={signUp}>
          Create an account
        </Link>
      </p>
    </section>
  );
}

/** An API's Try it console, with the applications feature's token picker in it. */
function ConsolePage() {
  const { id = '' } = useParams();
  const { session } = useSession();
  const here = useHere();
  return (
    <ApiConsoleView
      key={id}
      id={id}
      origin={window.location.origin}
      tokenPicker={(onToken) =>
        session ? (
          <ConsoleTokenPickerView apiID={id} onToken={onToken} />
        ) : (
          <p className="empty">
            <Link to={signInPath(here)}>Sign in</Link> to call the API with a token of one of your applications.
          </p>
        )
      }
    />
  );
}
