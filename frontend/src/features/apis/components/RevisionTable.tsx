export interface RevisionRow {
  id: string;
  number: number;
  description: string;
  createdBy: string;
  createdAt: string;
  environments: string[];
  /** Virtual hosts its deployments answer on (none: any host). */
  hosts?: string[];
  /** The virtual host of its deployment per environment name ("" for any host). */
  deployedHosts?: Record<string, string>;
}

export interface RevisionTableProps {
  revisions: RevisionRow[];
  environments: { name: string; label: string }[];
  onDeploy: (revisionID: string, environment: string) => void;
  /** The virtual host picked per environment name: a deployed revision may be moved to another. */
  pickedHosts?: Record<string, string>;
  onRestore: (revisionID: string) => void;
  onDelete: (revisionID: string) => void;
  busy: boolean;
}

/** An API's revisions, newest first, with where each is deployed and what can be done with it. */
export function RevisionTable({ revisions, environments, onDeploy, pickedHosts = {}, onRestore, onDelete, busy }: RevisionTableProps) {
  const sameTarget = (r: RevisionRow, e: { name: string; label: string }) =>
    r.environments.includes(e.label) && (r.deployedHosts?.[e.name] ?? '') === (pickedHosts[e.name] ?? '');
  if (revisions.length === 0) return <p className="empty">No revisions yet.</p>;
  return (
    <table className="table" aria-label="Revisions">
      <thead>
        <tr>
          <th scope="col">Revision</th>
          <th scope="col">Description</th>
          <th scope="col">Created</th>
          <th scope="col">Deployed to</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {revisions.map((r) => (
          <tr key={r.id} data-testid={`revision-${r.number}`}>
            <td>{r.number}</td>
            <td>{r.description}</td>
            <td>
              {new Date(r.createdAt).toLocaleString()} <span className="muted">by {r.createdBy}</span>
            </td>
            <td>
              {r.environments.length ? r.environments.join(', ') : <span className="muted">not deployed</span>}
              {r.hosts?.length ? <span className="muted"> on {r.hosts.join(', ')}</span> : null}
            </td>
            <td>
              {environments.map((e) => (
                <button
                  key={e.name}
                  type="button"
                  className="button"
                  disabled={busy || sameTarget(r, e)}
                  onClick={() => onDeploy(r.id, e.name)}
                >
                  Deploy to {e.label}
                </button>
              ))}{' '}
              <button type="button" className="button" disabled={busy} onClick={() => onRestore(r.id)}>
                Restore
              </button>{' '}
              <button type="button" className="button danger" disabled={busy || r.environments.length > 0} onClick={() => onDelete(r.id)}>
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
