import { Link, NavLink, Route, Routes, useMatch, useParams } from 'react-router';
import { NotFound } from '../../components/NotFound';
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

/** /devportal/*: discover published APIs, manage applications, subscribe, get keys. */
export function DevPortal() {
  // An API's page belongs to the APIs tab.
  const onApiPage = useMatch('/devportal/apis/*') !== null;
  return (
    <>
      <nav className="subnav" aria-label="Developer Portal">
        <NavLink to={discoveryUrls.catalogue()} end className={({ isActive }) => (isActive || onApiPage ? 'active' : '')}>
          APIs
        </NavLink>
        <NavLink to={applicationUrls.list()} className={({ isActive }) => (isActive ? 'active' : '')}>
          Applications
        </NavLink>
        <NavLink to={analyticsUrls.devportal()} className={({ isActive }) => (isActive ? 'active' : '')}>
          Usage
        </NavLink>
      </nav>
      <Routes>
        <Route index element={<PublishedApisView />} />
        <Route path="apis/:id" element={<ApiPage />} />
        <Route path="apis/:id/console" element={<ConsolePage />} />
        <Route path="applications" element={<ApplicationListView />} />
        <Route path="applications/new" element={<ApplicationCreateView />} />
        <Route
          path="applications/:id"
          element={<ApplicationDetailView apiLink={(api) => <Link to={discoveryUrls.api(api.id)}>{api.name}</Link>} />}
        />
        <Route path="analytics" element={<LazyTrafficDashboard title="Usage" />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </>
  );
}

/** An API's page: the discovery overview with the applications feature's Subscribe panel in it. */
function ApiPage() {
  const { id = '' } = useParams();
  return <ApiOverviewView id={id} subscribe={<SubscribePanelView key={id} apiID={id} />} />;
}

/** An API's Try it console, with the applications feature's token picker in it. */
function ConsolePage() {
  const { id = '' } = useParams();
  const { session } = useSession();
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
            <Link to="/signin">Sign in</Link> to call the API with a token of one of your applications.
          </p>
        )
      }
    />
  );
}
