import { Link } from 'react-router';

export interface UsageRow {
  id: string;
  name: string;
  version: string;
  context: string;
  drift: { outOfDate: boolean; added: string[]; removed: string[]; changed: string[] };
}

export interface ServiceUsageTableProps {
  apis: UsageRow[];
  apiUrl: (id: string) => string;
  onUpdate: (apiID: string) => void;
  /** The API being updated now, if any. */
  updating: string | null;
}

/** The APIs built from a service, each up to date with it or not (with what differs). */
export function ServiceUsageTable({ apis, apiUrl, onUpdate, updating }: ServiceUsageTableProps) {
  if (apis.length === 0) return <p className="empty">No API uses this service yet.</p>;
  return (
    <table className="table" aria-label="APIs using this service">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Version</th>
          <th scope="col">Context</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="catalog-visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {apis.map((api) => (
          <tr key={api.id} data-testid={`usage-${api.id}`}>
            <td>
              <Link to={apiUrl(api.id)}>{api.name}</Link>
            </td>
            <td>{api.version}</td>
            <td>
              <code>/{api.context.replace(/^\//, '')}</code>
            </td>
            <td>
              {api.drift.outOfDate ? (
                <>
                  <span className="badge catalog-out-of-date" data-testid="drift-status">
                    Out of date
                  </span>
                  <DriftList label="Added" ops={api.drift.added} />
                  <DriftList label="Removed" ops={api.drift.removed} />
                  <DriftList label="Changed" ops={api.drift.changed} />
                </>
              ) : (
                <span className="badge catalog-up-to-date" data-testid="drift-status">
                  Up to date
                </span>
              )}
            </td>
            <td>
              {api.drift.outOfDate && (
                <button
                  type="button"
                  className="button"
                  onClick={() => onUpdate(api.id)}
                  disabled={updating !== null}
                >
                  {updating === api.id ? 'Updating…' : 'Update API'}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DriftList({ label, ops }: { label: string; ops: string[] }) {
  if (ops.length === 0) return null;
  return (
    <div className="catalog-drift">
      <span className="catalog-drift-label">{label}</span>
      <ul aria-label={label}>
        {ops.map((op) => (
          <li key={op}>
            <code>{op}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
