import { Link } from 'react-router';
import { homeFor, portalInfo, type Portal } from '../lib/access';
import type { Session } from '../lib/auth';

/** What the viewer's roles are, in words. */
export function rolesInWords(roles: readonly string[]): string {
  if (roles.length === 0) return 'no role';
  if (roles.length === 1) return `the role ${roles[0]}`;
  return `the roles ${roles.slice(0, -1).join(', ')} and ${roles[roles.length - 1]}`;
}

/** A portal the signed-in viewer may not use, typed as a URL: say so, and lead to one they can. */
export function PortalForbidden({ portal, session }: { portal: Portal; session: Session }) {
  const info = portalInfo(portal);
  const home = homeFor(session);
  const homeLabel = portalInfo(home.slice(1) as Portal).label;
  return (
    <div className="empty-page" role="region" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title">Not available with your role</h1>
      <p>
        The {info.label} portal is for {info.audience}. You are signed in as <strong>{session.user.username}</strong> with{' '}
        {rolesInWords(session.roleNames.length ? session.roleNames : session.roles)}.
      </p>
      <p>
        <Link to={home}>Go to the {homeLabel}</Link>
      </p>
      <p className="muted">If you need access, ask an administrator of your organization to give you the role.</p>
    </div>
  );
}

/** A page of a portal the viewer may use, but not this page: say so, and lead to the portal's first page. */
export function PageForbidden({ page, permission, home, session }: { page: string; permission: string; home: string; session: Session | null }) {
  return (
    <div className="empty-page" role="region" aria-labelledby="page-forbidden-title">
      <h1 id="page-forbidden-title">Not available with your role</h1>
      <p>
        {page} needs the permission <code>{permission}</code>.
        {session && (
          <>
            {' '}
            You are signed in as <strong>{session.user.username}</strong> with {rolesInWords(session.roleNames.length ? session.roleNames : session.roles)}.
          </>
        )}
      </p>
      <p>
        <Link to={home}>Go to the first page you may use</Link>
      </p>
      <p className="muted">If you need access, ask an administrator of your organization to give you a role with that permission.</p>
    </div>
  );
}
