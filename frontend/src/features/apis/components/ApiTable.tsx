import { Link } from 'react-router';
import type { ApiLifecycleStatus } from '../../../gql/graphql';
import { LifecycleBadge } from './LifecycleBadge';

export interface ApiRow {
  id: string;
  name: string;
  version: string;
  context: string;
  lifecycleStatus: ApiLifecycleStatus;
  type?: string;
  description?: string;
  thumbnailURL?: string | null;
}

/** The publisher's table of APIs; each name links to the API's page. */
export function ApiTable({ apis, detailUrl }: { apis: ApiRow[]; detailUrl: (id: string) => string }) {
  if (apis.length === 0) return <p className="empty">No APIs yet. Create the first one.</p>;
  return (
    <table className="table" aria-label="APIs">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Version</th>
          <th scope="col">Context</th>
          <th scope="col">Lifecycle status</th>
        </tr>
      </thead>
      <tbody>
        {apis.map((api) => (
          <tr key={api.id}>
            <td>
              <Link to={detailUrl(api.id)}>{api.name}</Link>
            </td>
            <td>{api.version}</td>
            <td>
              <code>/{api.context}</code>
            </td>
            <td>
              <LifecycleBadge status={api.lifecycleStatus} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
