import { Fragment, type ReactNode } from 'react';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { PageForbidden } from '../../components/PortalForbidden';
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
import { roleUrls } from '../../features/roles/urls';
import { RoleListView } from '../../features/roles/views/RoleListView';
import { UserListView } from '../../features/users/views/UserListView';
import { RequiredAttributesView } from '../../features/applications/views/RequiredAttributesView';
import { mayAny, type Action } from '../../lib/access';
import { useOptionalSession } from '../../lib/session';

/** A page of the Admin portal: its link, and the permissions (any one) that open it. */
interface AdminPage {
  /** The route under /admin ('' for the index). */
  path: string;
  to: string;
  label: string;
  needs: readonly Action[];
  element: ReactNode;
}

/** The sections of the Administration page, each shown with its own permission. */
const indexSections: { needs: Action; element: ReactNode }[] = [
  { needs: 'admin:users', element: <UserListView /> },
  { needs: 'admin:settings', element: <RequiredAttributesView /> },
  { needs: 'admin:environments', element: <EnvironmentListView /> },
];

/** Every Admin page in link order: the one table the subnav and the routes come from. */
const pages: AdminPage[] = [
  {
    path: '',
    to: '/admin',
    label: 'Administration',
    needs: indexSections.map((s) => s.needs),
    element: <AdminHome />,
  },
  { path: 'roles', to: roleUrls.list(), label: 'Roles', needs: ['admin:roles'], element: <RoleListView /> },
  {
    path: 'approvals',
    to: approvalUrls.queue(),
    label: 'Approvals',
    needs: ['admin:settings', 'admin:users'],
    element: (
      <>
        <PageHeader title="Approvals" />
        <ApprovalQueueView />
      </>
    ),
  },
  {
    path: 'policies',
    to: policyUrls.list(),
    label: 'Throttling policies',
    needs: ['admin:policies'],
    element: (
      <>
        <PageHeader title="Throttling policies" />
        <PoliciesView />
      </>
    ),
  },
  { path: 'analytics', to: analyticsUrls.admin(), label: 'Platform health', needs: ['analytics:view'], element: <LazyTrafficDashboard title="Platform health" /> },
  { path: 'alerts', to: alertsUrls.admin(), label: 'Alerts', needs: ['admin:settings'], element: <AlertsView /> },
  { path: 'identity-providers', to: identityProviderUrls.admin(), label: 'Identity providers', needs: ['admin:keymanagers'], element: <IdentityProvidersView /> },
  { path: 'key-managers', to: keyManagerUrls.admin(), label: 'Key managers', needs: ['admin:keymanagers'], element: <KeyManagersView /> },
];

/**
 * Which Admin pages the viewer may open. Outside a SessionProvider (a portal rendered on its
 * own in a test) every page is offered: the server decides each call anyway.
 */
function useAllowed(): { allowed: (needs: readonly Action[]) => boolean; session: ReturnType<typeof useOptionalSession> } {
  const state = useOptionalSession();
  return { allowed: (needs) => (state ? mayAny(state.session, needs) : true), session: state };
}

/** /admin/*: users and roles, gateway environments and the rest of the organization's settings, each page with its permission. */
export function AdminPortal() {
  const { allowed, session } = useAllowed();
  const own = pages.filter((p) => allowed(p.needs));
  const first = own[0]?.to ?? '/devportal';
  return (
    <>
      <nav className="subnav" aria-label="Admin">
        {own.map((p) => (
          <NavLink key={p.to} to={p.to} end={p.path === ''} className={({ isActive }) => (isActive ? 'active' : '')}>
            {p.label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        {pages.map((p) => {
          const element = allowed(p.needs) ? (
            p.element
          ) : p.path === '' ? (
            // The Administration page holds nothing for this viewer: their first page instead.
            <Navigate to={first} replace />
          ) : (
            <PageForbidden page={`The ${p.label} page`} permission={p.needs.join(' or ')} home={first} session={session?.session ?? null} />
          );
          return p.path === '' ? <Route key="index" index element={element} /> : <Route key={p.path} path={p.path} element={element} />;
        })}
        <Route path="*" element={<NotFound />} />
      </Routes>
    </>
  );
}

/** /admin: the sections of the organization's administration the viewer may use. */
function AdminHome() {
  const { allowed } = useAllowed();
  return (
    <>
      <PageHeader title="Administration" />
      {indexSections.filter((s) => allowed([s.needs])).map((s) => (
        <Fragment key={s.needs}>{s.element}</Fragment>
      ))}
    </>
  );
}
