import { useState, type FormEvent } from 'react';

export interface DeploymentRow {
  environment: string;
  label: string;
  revision: number;
}

interface DeployManyProps {
  revisions: { id: string; number: number }[];
  environments: { name: string; label: string }[];
  onDeploy: (revisionID: string, environments: string[]) => void;
  busy: boolean;
}

/** Deploys one revision to every ticked environment at once (all or none). */
export function DeployMany({ revisions, environments, onDeploy, busy }: DeployManyProps) {
  const [revision, setRevision] = useState(revisions[0]?.id ?? '');
  const [picked, setPicked] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  if (revisions.length === 0) return null;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (picked.length === 0) {
      setError('Pick at least one environment.');
      return;
    }
    const target = revision || revisions[0]?.id;
    if (!target) return;
    setError(null);
    onDeploy(target, picked);
  }

  return (
    <form onSubmit={submit} aria-label="Deploy to environments" noValidate>
      <fieldset>
        <legend>Deploy a revision to several environments</legend>
        <label htmlFor="deploy-many-revision">Revision</label>{' '}
        <select id="deploy-many-revision" value={revision} onChange={(e) => setRevision(e.target.value)}>
          {revisions.map((r) => (
            <option key={r.id} value={r.id}>
              Revision {r.number}
            </option>
          ))}
        </select>
        {environments.map((env) => (
          <label key={env.name} className="checkbox">
            <input
              type="checkbox"
              checked={picked.includes(env.name)}
              onChange={(e) => setPicked((p) => (e.target.checked ? [...p, env.name] : p.filter((n) => n !== env.name)))}
            />{' '}
            {env.label}
          </label>
        ))}
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          Deploy to selected environments
        </button>
      </fieldset>
    </form>
  );
}

/** The API's deployments, one Undeploy action per environment. */
export function DeploymentList({ deployments, onUndeploy, busy }: { deployments: DeploymentRow[]; onUndeploy: (environment: string) => void; busy: boolean }) {
  if (deployments.length === 0) return <p className="muted">Not deployed to any environment.</p>;
  return (
    <table className="table" aria-label="Deployments">
      <thead>
        <tr>
          <th scope="col">Environment</th>
          <th scope="col">Revision</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {deployments.map((d) => (
          <tr key={d.environment}>
            <td>{d.label}</td>
            <td>{d.revision}</td>
            <td>
              <button type="button" className="button danger" disabled={busy} aria-label={`Undeploy from ${d.label}`} onClick={() => onUndeploy(d.environment)}>
                Undeploy
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
