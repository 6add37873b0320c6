import { NavLink, Route, Routes } from 'react-router';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { analyticsUrls } from '../../features/analytics/urls';
import { LazyTrafficDashboard } from '../../features/analytics/views/LazyTrafficDashboard';
import { EnvironmentListView } from '../../features/environments/views/EnvironmentListView';
import { UserListView } from '../../features/users/views/UserListView';

/** /admin/*: users, gateway environments and the rest of the organization's settings. */
export function AdminPortal() {
  return (
    <>
      <nav className="subnav" aria-label="Admin">
        <NavLink to="/admin" end className={({ isActive }) => (isActive ? 'active' : '')}>
          Administration
        </NavLink>
        <NavLink to={analyticsUrls.admin()} className={({ isActive }) => (isActive ? 'active' : '')}>
          Platform health
        </NavLink>
      </nav>
      <Routes>
        <Route
          index
          element={
            <>
              <PageHeader title="Administration" />
              <UserListView />
              <EnvironmentListView />
            </>
          }
        />
        <Route path="analytics" element={<LazyTrafficDashboard title="Platform health" />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </>
  );
}
