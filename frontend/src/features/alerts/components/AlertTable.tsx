import type { AlertMetric } from '../../../gql/graphql';
import { formatValue, formatWindow, metricLabels } from '../format';
import '../alerts.css';

export interface AlertChange {
  id: string;
  state: string;
  value: number;
  at: string;
  delivery: string;
  attempts: number;
  lastError: string;
}

export interface AlertRow {
  id: string;
  name: string;
  metric: AlertMetric;
  scope: string;
  targetName: string;
  threshold: number;
  windowSeconds: number;
  enabled: boolean;
  state: string;
  lastValue: number;
  lastEvaluatedAt?: string | null;
  history: AlertChange[];
}

interface Props {
  alerts: AlertRow[];
  onEdit: (id: string) => void;
  onDelete: (id: string) => void;
}

/** The rules, their state now, and their latest state changes with webhook delivery. */
export function AlertTable({ alerts, onEdit, onDelete }: Props) {
  if (alerts.length === 0) {
    return <p className="empty">No alert rules yet.</p>;
  }
  return (
    <table className="table" aria-label="Alert rules">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Watches</th>
          <th scope="col">Condition</th>
          <th scope="col">State</th>
          <th scope="col">Latest changes</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((a) => (
          <tr key={a.id} data-testid={`alert-${a.name}`}>
            <td>{a.name}</td>
            <td>
              {a.scope === 'API' ? 'API' : 'Application'} {a.targetName}
            </td>
            <td>
              {metricLabels[a.metric]} &gt; {formatValue(a.metric, a.threshold)} over {formatWindow(a.windowSeconds)}
            </td>
            <td>
              {!a.enabled ? (
                <span className="badge">Disabled</span>
              ) : !a.lastEvaluatedAt ? (
                <span className="badge alert-state" data-testid="alert-state">
                  Not checked yet
                </span>
              ) : (
                <span className={a.state === 'FIRING' ? 'badge alert-state danger' : 'badge alert-state ok'} data-testid="alert-state">
                  {a.state === 'FIRING' ? 'Firing' : 'OK'} ({formatValue(a.metric, a.lastValue)})
                </span>
              )}
            </td>
            <td>
              {a.history.length === 0 ? (
                <span className="muted">None</span>
              ) : (
                <ul className="plain">
                  {a.history.slice(0, 5).map((h) => (
                    <li key={h.id}>
                      {h.state === 'FIRING' ? 'Fired' : 'Resolved'} {new Date(h.at).toLocaleString()} at{' '}
                      {formatValue(a.metric, h.value)}
                      {h.delivery !== 'NONE' && (
                        <span className="muted" title={h.lastError || undefined}>
                          {' '}
                          · webhook {h.delivery.toLowerCase()}
                          {h.attempts > 1 ? ` after ${h.attempts} attempts` : ''}
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td>
              <button type="button" className="button" onClick={() => onEdit(a.id)}>
                Edit
              </button>{' '}
              <button type="button" className="button danger" onClick={() => onDelete(a.id)}>
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
