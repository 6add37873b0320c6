import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import type { ApiSubscriptionStatus } from '../../../gql/graphql';
import { errorMessage } from '../../../lib/errors';
import { subscriptionStatusLabel } from '../components/statusLabel';
import { changeSubscriptionStatusMutation } from '../mutations';
import { apiSubscriptionsQuery } from '../queries';

/** Actions a publisher has on a subscription in each state. */
const actions: Record<string, { to: ApiSubscriptionStatus; label: string; danger?: boolean }[]> = {
  UNBLOCKED: [
    { to: 'BLOCKED', label: 'Block', danger: true },
    { to: 'PROD_ONLY_BLOCKED', label: 'Block production', danger: true },
  ],
  BLOCKED: [
    { to: 'UNBLOCKED', label: 'Unblock' },
    { to: 'PROD_ONLY_BLOCKED', label: 'Allow sandbox only' },
  ],
  PROD_ONLY_BLOCKED: [
    { to: 'UNBLOCKED', label: 'Unblock' },
    { to: 'BLOCKED', label: 'Block', danger: true },
  ],
};

/** /publisher/apis/:id/subscriptions: who subscribed to the API; block and unblock them. */
export function ApiSubscriptionsView() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: apiSubscriptionsQuery, variables: { apiID: id }, requestPolicy: 'cache-and-network' });
  const [changeState, change] = useMutation(changeSubscriptionStatusMutation);
  const [notice, setNotice] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const api = data?.apis.edges?.[0]?.node;
  const subs = data?.apiSubscriptions ?? [];

  async function onChange(subID: string, to: ApiSubscriptionStatus, what: string) {
    setNotice(null);
    const r = await change({ id: subID, status: to, reason: to === 'UNBLOCKED' ? null : reason.trim() || null });
    if (!r.error) setNotice(`${what} is now ${(subscriptionStatusLabel[to] ?? to).toLowerCase()}.`);
  }

  return (
    <>
      <PageHeader title={api ? `Subscriptions of ${api.name} ${api.version}` : 'Subscriptions'} />
      <p>
        <Link to={`/publisher/apis/${encodeURIComponent(id)}`}>← Back to the API</Link>
      </p>
      {changeState.error && <Banner>{errorMessage(changeState.error)}</Banner>}
      {notice && <Banner kind="success">{notice}</Banner>}
      <div className="field">
        <label htmlFor="block-reason">Reason for blocking (shown to the subscriber)</label>
        <input id="block-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder="e.g. unusual traffic" />
      </div>
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        {subs.length === 0 ? (
          <p className="empty">No application is subscribed to this API yet.</p>
        ) : (
          <table className="table" aria-label="Subscriptions">
            <thead>
              <tr>
                <th scope="col">Application</th>
                <th scope="col">Subscriber</th>
                <th scope="col">Tier</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="muted">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {subs.map((s) => (
                <tr key={s.id}>
                  <td>{s.applicationName}</td>
                  <td>{s.subscriber}</td>
                  <td>{s.throttlingTier}</td>
                  <td>
                    {subscriptionStatusLabel[s.status] ?? s.status}
                    {s.statusReason && <span className="muted"> ({s.statusReason})</span>}
                  </td>
                  <td>
                    {(actions[s.status] ?? []).map((a) => (
                      <button
                        key={a.to}
                        type="button"
                        className={a.danger ? 'button danger' : 'button'}
                        disabled={changeState.fetching}
                        onClick={() => void onChange(s.id, a.to, s.applicationName)}
                        aria-label={`${a.label} ${s.applicationName}`}
                      >
                        {a.label}
                      </button>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </>
  );
}
