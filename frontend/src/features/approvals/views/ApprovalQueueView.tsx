import { useState } from 'react';
import '../approvals.css';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { QueryState } from '../../../components/QueryState';
import { useMay } from '../../../lib/access';
import { errorMessage, toFormErrors } from '../../../lib/errors';
import { RejectForm } from '../components/RejectForm';
import { approveSubscriptionMutation, rejectSubscriptionMutation, setTierRequiresApprovalMutation } from '../mutations';
import { pendingSubscriptionsQuery, subscriptionTiersQuery } from '../queries';
import { SignUpApprovalView } from './SignUpApprovalView';

/** The admin's approval queue: subscriptions waiting on a tier that requires approval, and signed-up accounts. */
export function ApprovalQueueView() {
  // Subscription approval is a workflow setting; sign-up approval belongs to user administration.
  const mayWorkflows = useMay('admin:settings');
  const mayUsers = useMay('admin:users');
  return (
    <>
      {mayWorkflows && <PendingSubscriptions />}
      {mayWorkflows && <TierApprovalSettings />}
      {mayUsers && <SignUpApprovalView />}
    </>
  );
}

function PendingSubscriptions() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: pendingSubscriptionsQuery, requestPolicy: 'cache-and-network' });
  const [approveState, approve] = useMutation(approveSubscriptionMutation);
  const [rejectState, reject] = useMutation(rejectSubscriptionMutation);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const pending = data?.pendingSubscriptions ?? [];
  const failure = approveState.error ? errorMessage(approveState.error) : rejectState.error ? toFormErrors(rejectState.error).banner : null;

  async function onApprove(id: string, what: string) {
    setNotice(null);
    const r = await approve({ id });
    if (!r.error) {
      setNotice(`Approved ${what}.`);
      refetch({ requestPolicy: 'network-only' });
    }
  }
  async function onReject(id: string, what: string, reason: string) {
    setNotice(null);
    const r = await reject({ id, reason });
    if (!r.error) {
      setRejecting(null);
      setNotice(`Rejected ${what}.`);
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <section className="section" aria-labelledby="pending-title">
      <h2 id="pending-title">Subscriptions waiting for approval</h2>
      {failure && <Banner>{failure}</Banner>}
      {notice && <Banner kind="success">{notice}</Banner>}
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        {pending.length === 0 ? (
          <p className="empty">Nothing is waiting for approval.</p>
        ) : (
          <table className="table" aria-labelledby="pending-title">
            <thead>
              <tr>
                <th scope="col">API</th>
                <th scope="col">Application</th>
                <th scope="col">Subscriber</th>
                <th scope="col">Tier</th>
                <th scope="col">Requested</th>
                <th scope="col">
                  <span className="muted">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {pending.map((s) => {
                const what = `${s.applicationName} → ${s.api.name} ${s.api.version}`;
                return (
                  <tr key={s.id}>
                    <td>
                      {s.api.name} <span className="badge">{s.api.version}</span>
                    </td>
                    <td>{s.applicationName}</td>
                    <td>{s.subscriber}</td>
                    <td>{s.throttlingTier}</td>
                    <td>{new Date(s.createdAt as string).toLocaleString()}</td>
                    <td>
                      {rejecting === s.id ? (
                        <RejectForm
                          subject={what}
                          busy={rejectState.fetching}
                          error={toFormErrors(rejectState.error).fields.reason}
                          onReject={(reason) => void onReject(s.id, what, reason)}
                          onCancel={() => setRejecting(null)}
                        />
                      ) : (
                        <>
                          <button type="button" className="button primary" disabled={approveState.fetching} onClick={() => void onApprove(s.id, what)} aria-label={`Approve ${what}`}>
                            Approve
                          </button>{' '}
                          <button type="button" className="button danger" onClick={() => setRejecting(s.id)} aria-label={`Reject ${what}`}>
                            Reject
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}

/** Which subscription tiers hold new subscriptions for approval. */
function TierApprovalSettings() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: subscriptionTiersQuery });
  const [setState, setApproval] = useMutation(setTierRequiresApprovalMutation);
  const tiers = (data?.throttlingTiers.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <section className="section" aria-labelledby="tier-approval-title">
      <h2 id="tier-approval-title">Tiers that require approval</h2>
      <p className="muted">New subscriptions with these tiers wait in the queue above until an admin approves them.</p>
      {setState.error && <Banner>{errorMessage(setState.error)}</Banner>}
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        <ul className="plain-list">
          {tiers.map((t) => (
            <li key={t.id}>
              <label>
                <input
                  type="checkbox"
                  checked={t.requiresApproval}
                  disabled={setState.fetching}
                  onChange={(e) => void setApproval({ tierID: t.id, requiresApproval: e.target.checked }).then(() => refetch({ requestPolicy: 'network-only' }))}
                />{' '}
                {t.displayName || t.name}
              </label>
            </li>
          ))}
        </ul>
      </QueryState>
    </section>
  );
}
