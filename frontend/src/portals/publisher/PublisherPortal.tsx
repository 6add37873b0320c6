import { NavLink, Route, Routes, useMatch } from 'react-router';
import { ApiCreateView } from '../../features/apis/views/ApiCreateView';
import { ApiDetailView } from '../../features/apis/views/ApiDetailView';
import { ApiImportView } from '../../features/apis/views/ApiImportView';
import { ApiListView } from '../../features/apis/views/ApiListView';
import { analyticsUrls } from '../../features/analytics/urls';
import { LazyTrafficDashboard } from '../../features/analytics/views/LazyTrafficDashboard';
import { NotFound } from '../../components/NotFound';

/** /publisher/*: design, deploy and manage APIs. */
export function PublisherPortal() {
  // An API's pages belong to the APIs tab.
  const onApiPage = useMatch('/publisher/apis/*') !== null;
  return (
    <>
      <nav className="subnav" aria-label="Publisher">
        <NavLink to="/publisher" end className={({ isActive }) => (isActive || onApiPage ? 'active' : '')}>
          APIs
        </NavLink>
        <NavLink to={analyticsUrls.publisher()} className={({ isActive }) => (isActive ? 'active' : '')}>
          Analytics
        </NavLink>
      </nav>
      <Routes>
        <Route index element={<ApiListView />} />
        <Route path="apis/new" element={<ApiCreateView />} />
        <Route path="apis/import" element={<ApiImportView />} />
        <Route path="apis/:id" element={<ApiDetailView />} />
        <Route path="analytics" element={<LazyTrafficDashboard title="Analytics" />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </>
  );
}
