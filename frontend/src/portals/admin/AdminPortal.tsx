import { NavLink, Route, Routes } from 'react-router';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { alertsUrls } from '../../features/alerts/urls';
import { AlertsView } from '../../features/alerts/views/AlertsView';
import { approvalUrls } from '../../features/approvals/urls';
import { ApprovalQueueView } from '../../features/approvals/views/ApprovalQueueView';
import { analyticsUrls } from '../../features/analytics/urls';
import { LazyTrafficDashboard } from '../../features/analytics/views/LazyTrafficDashboard';
import { identityProviderUrls } from '../../features/identity-providers/urls';
import { IdentityProvidersView } from '../../features/identity-providers/views/IdentityProvidersView';
import { keyManagerUrls } from '../../features/key-managers/urls';
import { KeyManagersView } from '../../features/key-managers/views/KeyManagersView';
import { EnvironmentListView } from '../../features/environments/views/EnvironmentListView';
import { policyUrls } from '../../features/policies/urls';
import { PoliciesView } from '../../features/policies/views/PoliciesView';
import { UserListView } from '../../features/users/views/UserListView';
import { RequiredAttributesView } from '../../features/applications/views/RequiredAttributesView';

/** /admin/*: users, gateway environments and the rest of the organization's settings. */
export function AdminPortal() {
  return (
    <>
      <nav className="subnav" aria-label="Admin">
        <NavLink to="/admin" end className={({ isActive }) => (isActive ? 'active' : '')}>
          Administration
        </NavLink>
        <NavLink to={approvalUrls.queue()} className={({ isActive }) => (isActive ? 'active' : '')}>
          Approvals
        </NavLink>
        <NavLink to={policyUrls.list()} className={({ isActive }) => (isActive ? 'active' : '')}>
          Throttling policies
        </NavLink>
        <NavLink to={analyticsUrls.admin()} className={({ isActive }) => (isActive ? 'active' : '')}>
          Platform health
        </NavLink>
        <NavLink to={alertsUrls.admin()} className={({ isActive }) => (isActive ? 'active' : '')}>
          Alerts
        </NavLink>
        <NavLink to={identityProviderUrls.admin()} className={({ isActive }) => (isActive ? 'active' : '')}>
          Identity providers
        </NavLink>
        <NavLink to={keyManagerUrls.admin()} className={({ isActive }) => (isActive ? 'active' : '')}>
          Key managers
        </NavLink>
      </nav>
      <Routes>
        <Route
          index
          element={
            <>
              <PageHeader title="Administration" />
              <UserListView />
              <RequiredAttributesView />
              <EnvironmentListView />
            </>
          }
        />
        <Route
          path="approvals"
          element={
            <>
              <PageHeader title="Approvals" />
              <ApprovalQueueView />
            </>
          }
        />
        <Route
          path="policies"
          element={
            <>
              <PageHeader title="Throttling policies" />
              <PoliciesView />
            </>
          }
        />
        <Route path="analytics" element={<LazyTrafficDashboard title="Platform health" />} />
        <Route path="alerts" element={<AlertsView />} />
        <Route path="identity-providers" element={<IdentityProvidersView />} />
        <Route path="key-managers" element={<KeyManagersView />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </>
  );
}
