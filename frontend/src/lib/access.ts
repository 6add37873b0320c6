// What the viewer may use of the SPA: which portals, which actions. The one place the SPA
// decides it, keyed today on the built-in roles of the session; when the session carries
// permissions, only this file changes. The server still decides every call: this only keeps
// the SPA from offering what would be refused.
import type { Role, Session } from './auth';
import { useOptionalSession } from './session';

export type Portal = 'publisher' | 'devportal' | 'catalog' | 'admin';

/** The portals in the order of the area tabs, with what the pages say about them. */
export const portals: readonly { id: Portal; to: string; label: string; audience: string }[] = [
  { id: 'publisher', to: '/publisher', label: 'Publisher', audience: 'publishers and administrators' },
  { id: 'devportal', to: '/devportal', label: 'Developer Portal', audience: 'everyone' },
  { id: 'catalog', to: '/catalog', label: 'Service Catalog', audience: 'publishers and administrators' },
  { id: 'admin', to: '/admin', label: 'Admin', audience: 'administrators' },
];

/**
 * The actions pages offer. Each names the roles the server's domain services require for it
 * (backend/internal/apis, servicecatalog, portal, tenancy, traffic ...).
 */
export type Action =
  | 'api:create' // create or import an API, new versions, products
  | 'api:manage' // edit, deploy, lifecycle, documents, scopes, delete
  | 'subscription:block' // block and unblock subscriptions to one's APIs
  | 'service:manage' // Service Catalog entries
  | 'user:manage' // users, sign-up approvals
  | 'settings:manage' // environments, policies, key managers, identity providers, alerts
  | 'application:manage' // own applications, subscriptions, keys (any signed-in user)
  | 'feedback:post'; // rate and comment (any signed-in user)

const staff: readonly Role[] = ['admin', 'publisher'];
const admins: readonly Role[] = ['admin'];
/** Any signed-in user, whatever their roles. */
const anyone = 'signed-in' as const;

const portalRoles: Record<Portal, readonly Role[] | typeof anyone | 'public'> = {
  publisher: staff,
  catalog: staff,
  admin: admins,
  // Open: anonymous visitors browse it; what needs an account asks them to sign in.
  devportal: 'public',
};

const actionRoles: Record<Action, readonly Role[] | typeof anyone> = {
  'api:create': staff,
  'api:manage': staff,
  'subscription:block': staff,
  'service:manage': staff,
  'user:manage': admins,
  'settings:manage': admins,
  'application:manage': anyone,
  'feedback:post': anyone,
};

function allowed(session: Session | null, who: readonly Role[] | typeof anyone | 'public'): boolean {
  if (who === 'public') return true;
  if (!session) return false;
  if (who === anyone) return true;
  return who.some((r) => session.roles.includes(r));
}

/** Whether the viewer (null: an anonymous visitor) may use a portal. */
export function mayUsePortal(session: Session | null, portal: Portal): boolean {
  return allowed(session, portalRoles[portal]);
}

/** The portals the viewer may use, in tab order. */
export function portalsFor(session: Session | null): Portal[] {
  return portals.filter((p) => mayUsePortal(session, p.id)).map((p) => p.id);
}

/** Whether the viewer may take an action (anonymous visitors may take none). */
export function may(session: Session | null, action: Action): boolean {
  return allowed(session, actionRoles[action]);
}

/** Where "/" leads the viewer: the first portal (in tab order) they may use. */
export function homeFor(session: Session | null): string {
  const own = portalsFor(session);
  const first = portals.find((p) => own.includes(p.id));
  return first?.to ?? '/devportal';
}

/** The portal a path belongs to, or null (sign-in pages, unknown paths). */
export function portalOf(pathname: string): Portal | null {
  const first = pathname.split('/')[1] ?? '';
  return portals.find((p) => p.id === first)?.id ?? null;
}

/** The label and audience of a portal. */
export function portalInfo(portal: Portal) {
  return portals.find((p) => p.id === portal)!;
}

/**
 * may() for the signed-in viewer of the page. Outside a SessionProvider (a view rendered on
 * its own, as unit tests do) the view offers everything: the server decides each call anyway.
 */
export function useMay(action: Action): boolean {
  const state = useOptionalSession();
  return state ? may(state.session, action) : true;
}
