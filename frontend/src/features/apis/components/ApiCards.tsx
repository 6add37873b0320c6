import { Link } from 'react-router';
import type { ApiRow } from './ApiTable';
import { LifecycleBadge } from './LifecycleBadge';

const kinds: Record<string, string> = { GRAPHQL: 'GraphQL', WS: 'WebSocket', SOAP: 'SOAP', ASYNC: 'Async', PRODUCT: 'Product' };

/** The publisher's APIs as cards: thumbnail, name, version, kind, status and description. */
export function ApiCards({ apis, detailUrl }: { apis: ApiRow[]; detailUrl: (id: string) => string }) {
  if (apis.length === 0) return <p className="empty">No APIs yet. Create the first one.</p>;
  return (
    <ul className="cards" aria-label="APIs">
      {apis.map((api) => (
        <li key={api.id} className="card">
          <header className="card-header">
            {api.thumbnailURL && <img src={api.thumbnailURL} alt="" width={40} height={40} />}
            <h2>
              <Link to={detailUrl(api.id)}>{api.name}</Link>
            </h2>
            <span className="badge">{api.version}</span>
            {api.type && kinds[api.type] && <span className="badge">{kinds[api.type]}</span>}
          </header>
          <p>
            <code>/{api.context}</code> <LifecycleBadge status={api.lifecycleStatus} />
          </p>
          <p className={api.description ? '' : 'muted'}>{api.description || 'No description.'}</p>
        </li>
      ))}
    </ul>
  );
}
