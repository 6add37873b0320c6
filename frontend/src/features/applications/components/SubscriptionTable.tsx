import type { ReactNode } from 'react';
import '../applications.css';

export interface SubscriptionRow {
  id: string;
  status: string;
  /** Why it was rejected or blocked. */
  statusReason?: string;
  throttlingTier: string;
  api: { id: string; name: string; version: string };
}

export interface SubscriptionTableProps {
  subscriptions: SubscriptionRow[];
  onUnsubscribe: (id: string) => void;
  /** The subscription being removed, if any. */
  pending: string | null;
  /** Renders the API's name as a link to its page. */
  apiLink: (api: SubscriptionRow['api']) => ReactNode;
}

const statusLabel: Record<string, string> = {
  UNBLOCKED: 'Active',
  BLOCKED: 'Blocked',
  PROD_ONLY_BLOCKED: 'Production blocked',
  ON_HOLD: 'Waiting for approval',
  REJECTED: 'Rejected',
};

/** The APIs an application is subscribed to, each with an Unsubscribe button. */
export function SubscriptionTable({ subscriptions, onUnsubscribe, pending, apiLink }: SubscriptionTableProps) {
  return (
    <section className="section" aria-labelledby="subscriptions-title">
      <h2 id="subscriptions-title">Subscriptions</h2>
      {subscriptions.length === 0 ? (
        <p className="empty">Not subscribed to any API. Subscribe from an API's page.</p>
      ) : (
        <table className="table" aria-labelledby="subscriptions-title">
          <thead>
            <tr>
              <th scope="col">API</th>
              <th scope="col">Tier</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="muted">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {subscriptions.map((s) => (
              <tr key={s.id}>
                <td>
                  {apiLink(s.api)} <span className="badge">{s.api.version}</span>
                </td>
                <td>{s.throttlingTier}</td>
                <td>
                  {statusLabel[s.status] ?? s.status}
                  {s.statusReason && <span className="muted"> ({s.statusReason})</span>}
                </td>
                <td>
                  <button
                    type="button"
                    className="button danger"
                    onClick={() => onUnsubscribe(s.id)}
                    disabled={pending === s.id}
                    aria-label={`Unsubscribe from ${s.api.name} ${s.api.version}`}
                  >
                    {pending === s.id ? 'Unsubscribing…' : 'Unsubscribe'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
