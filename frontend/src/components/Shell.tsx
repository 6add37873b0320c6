import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { portals, type Portal } from '../lib/access';

export interface ShellProps {
  /** The portals the viewer may use (lib/access.ts portalsFor): only these get a tab. */
  allowed: readonly Portal[];
  /** Who is signed in; null for an anonymous visitor, who gets Sign in and Sign up instead. */
  username: string | null;
  onSignOut: () => void;
  /** Where Sign in and Sign up lead (they come back to the current page). */
  signInTo?: string;
  signUpTo?: string;
  children: ReactNode;
}

/** The frame of every portal page: product name, the area tabs the viewer may use, who is signed in. */
export function Shell({ allowed, username, onSignOut, signInTo = '/signin', signUpTo = '/signup', children }: ShellProps) {
  const tabs = portals.filter((p) => allowed.includes(p.id));
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Gatehouse</span>
        <nav className="tabs" aria-label="Areas">
          {tabs.map((a) => (
            <NavLink key={a.to} to={a.to} className={({ isActive }) => (isActive ? 'tab active' : 'tab')}>
              {a.label}
            </NavLink>
          ))}
        </nav>
        <div className="account">
          {username === null ? (
            <>
              <Link className="button subtle" to={signInTo}>
                Sign in
              </Link>
              <Link className="button primary" to={signUpTo}>
                Sign up
              </Link>
            </>
          ) : (
            <>
              <span className="username" data-testid="signed-in-user">
                {username}
              </span>
              <button type="button" className="button subtle" onClick={onSignOut}>
                Sign out
              </button>
            </>
          )}
        </div>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
