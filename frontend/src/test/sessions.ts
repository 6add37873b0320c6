import type { Role, Session } from '../lib/auth';

/**
 * The built-in roles' permissions as the server sends them (catalogue.md): tests build
 * sessions from these; the SPA itself only ever reads the session's permissions.
 */
export const builtInPermissions: Record<Role, string[]> = {
  admin: [
    'admin:environments',
    'admin:keymanagers',
    'admin:policies',
    'admin:roles',
    'admin:settings',
    'admin:users',
    'analytics:view',
    'api:create',
    'api:manage',
    'api:publish',
    'apps:manage',
    'audit:view',
    'service:manage',
    'subscription:manage',
  ],
  publisher: ['analytics:view', 'api:create', 'api:manage', 'api:publish', 'apps:manage', 'service:manage', 'subscription:manage'],
  subscriber: ['apps:manage'],
};

/** A session holding built-in roles, named after the first (or "nobody"). */
export function sessionAs(...roles: Role[]): Session {
  const permissions = [...new Set(roles.flatMap((r) => builtInPermissions[r]))].sort();
  return { user: { id: 'u', username: roles[0] ?? 'nobody', displayName: 'x' }, roles, roleNames: [...roles], permissions, csrfToken: 't' };
}

/** A session holding custom roles only, with exactly these permissions. */
export function sessionWith(username: string, roleNames: string[], permissions: string[]): Session {
  return { user: { id: 'u', username, displayName: username }, roles: [], roleNames, permissions: [...permissions].sort(), csrfToken: 't' };
}
