import type { ReactNode } from 'react';
import { NavLink } from 'react-router';

/** The areas of the product, in the order of the tabs. */
export const areas = [
  { to: '/publisher', label: 'Publisher' },
  { to: '/devportal', label: 'Developer Portal' },
  { to: '/catalog', label: 'Service Catalog' },
  { to: '/admin', label: 'Admin' },
] as const;

export interface ShellProps {
  username: string;
  onSignOut: () => void;
  children: ReactNode;
}

/** The frame of every signed-in page: product name, area tabs, who is signed in. */
export function Shell({ username, onSignOut, children }: ShellProps) {
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Gatehouse</span>
        <nav className="tabs" aria-label="Areas">
          {areas.map((a) => (
            <NavLink key={a.to} to={a.to} className={({ isActive }) => (isActive ? 'tab active' : 'tab')}>
              {a.label}
            </NavLink>
          ))}
        </nav>
        <div className="account">
          <span className="username" data-testid="signed-in-user">
            {username}
          </span>
          <button type="button" className="button subtle" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
