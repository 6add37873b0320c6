import { NavLink } from 'react-router';

export interface ApiTabsProps {
  id: string;
  urls: { detail: (id: string) => string; business: (id: string) => string; documents: (id: string) => string; endpoints?: (id: string) => string; revisions?: (id: string) => string; scopes?: (id: string) => string };
}

/** The design pages of one API. */
export function ApiTabs({ id, urls }: ApiTabsProps) {
  const cls = ({ isActive }: { isActive: boolean }) => (isActive ? 'active' : '');
  return (
    <nav className="subnav" aria-label="API pages">
      <NavLink to={urls.detail(id)} end className={cls}>
        Overview
      </NavLink>
      <NavLink to={urls.business(id)} className={cls}>
        Basic info
      </NavLink>
      {urls.endpoints && (
        <NavLink to={urls.endpoints(id)} className={cls}>
          Endpoints
        </NavLink>
      )}
      {urls.scopes && (
        <NavLink to={urls.scopes(id)} className={cls}>
          Scopes
        </NavLink>
      )}
      <NavLink to={urls.documents(id)} className={cls}>
        Documents
      </NavLink>
      {urls.revisions && (
        <NavLink to={urls.revisions(id)} className={cls}>
          Revisions
        </NavLink>
      )}
    </nav>
  );
}
