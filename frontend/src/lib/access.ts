// What the viewer may use of the SPA: which portals, which actions, which Admin pages. The one
// place the SPA decides it, keyed on the permissions of the session (the catalogue of
// /work/shared catalogue.md: built-in and custom roles are named sets of them). The server still
// decides every call: this only keeps the SPA from offering what would be refused.
import type { Session } from './auth';
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
 * The permission catalogue (Query.permissions describes each): every action a page offers is
 * one of these, the same name the server's domain services check.
 */
export const permissionNames = [
  'api:create', // create and import APIs, new versions, API products
  'api:manage', // edit and design APIs and products, delete
  'api:publish', // lifecycle changes, revisions, deploy and undeploy
  'service:manage', // Service Catalog entries
  'subscription:manage', // block and unblock subscriptions to the organization's APIs
  'analytics:view', // analytics of the organization's APIs and applications
  'apps:manage', // own applications, keys, subscriptions, ratings and comments
  'admin:users', // users, their roles, temporary passwords, sign-up approvals
  'admin:roles', // custom roles
  'admin:policies', // throttling tiers, traffic and deny policies
  'admin:environments', // gateway environments
  'admin:keymanagers', // key managers and identity providers
  'admin:settings', // sign-up mode, categories, alerts, workflows (approvals), required attributes
  'audit:view', // the audit log
] as const;

/** An action a page offers: the permission it needs. */
export type Action = (typeof permissionNames)[number];

/** Any of these opens the portal; 'public' opens it to anonymous visitors too. */
const portalPermissions: Record<Portal, readonly Action[] | 'public'> = {
  publisher: ['api:create', 'api:manage', 'api:publish'],
  catalog: ['service:manage'],
  admin: ['admin:users', 'admin:roles', 'admin:policies', 'admin:environments', 'admin:keymanagers', 'admin:settings', 'audit:view'],
  // Open: anonymous visitors browse it; what needs an account asks them to sign in.
  devportal: 'public',
};

/** Whether the viewer (null: an anonymous visitor) may take an action. */
export function may(session: Session | null, action: Action): boolean {
  return session?.permissions.includes(action) ?? false;
}

/** Whether the viewer holds at least one of the permissions. */
export function mayAny(session: Session | null, actions: readonly Action[]): boolean {
  return actions.some((a) => may(session, a));
}

/** Whether the viewer (null: an anonymous visitor) may use a portal. */
export function mayUsePortal(session: Session | null, portal: Portal): boolean {
  const need = portalPermissions[portal];
  return need === 'public' || mayAny(session, need);
}

/** The portals the viewer may use, in tab order. */
export function portalsFor(session: Session | null): Portal[] {
  return portals.filter((p) => mayUsePortal(session, p.id)).map((p) => p.id);
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

/** mayAny() for the viewer of the page, with useMay's rule outside a SessionProvider. */
export function useMayAny(actions: readonly Action[]): boolean {
  const state = useOptionalSession();
  return state ? mayAny(state.session, actions) : true;
}
