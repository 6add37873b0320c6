import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { ConfirmDelete } from '../../../components/ConfirmDelete';
import { QueryState } from '../../../components/QueryState';
import { errorMessage, noFormErrors, toFormErrors } from '../../../lib/errors';
import type { ThrottlingPoliciesQuery, ThrottlingTierLevel } from '../../../gql/graphql';
import { DenyPolicyForm } from '../components/DenyPolicyForm';
import { emptyTier, TierForm, tierInput, type TierDraft } from '../components/TierForm';
import {
  createDenyPolicyMutation,
  createTierMutation,
  deleteDenyPolicyMutation,
  deleteTierMutation,
  resetApplicationQuotaMutation,
  updateDenyPolicyMutation,
  updateTierMutation,
} from '../mutations';
import { denyPoliciesQuery, throttlingPoliciesQuery } from '../queries';

type Tier = ThrottlingPoliciesQuery['throttlingPolicies'][number];

const levels: Array<[ThrottlingTierLevel, string, string]> = [
  ['SUBSCRIPTION', 'Subscription tiers', 'New subscription tier'],
  ['APPLICATION', 'Application policies', 'New application policy'],
  ['API', 'API and resource policies', 'New API policy'],
];

/** The admin's Throttling policies page: tiers of every level, deny policies, quota resets. */
export function PoliciesView() {
  return (
    <>
      <TiersSection />
      <DenySection />
      <QuotaResetSection />
    </>
  );
}

function quota(t: Tier): string {
  const per = t.calendarUnit === 'DAY' ? 'day' : t.calendarUnit === 'MONTH' ? 'month' : `${t.unitSeconds} s`;
  if (t.quotaType === 'BANDWIDTH') return `${t.dataAmountKib} KiB / ${per}`;
  return t.requestCount === 0 ? 'Unlimited' : `${t.requestCount} / ${per}`;
}

function draftOf(t: Tier): TierDraft {
  return {
    level: t.level,
    name: t.name,
    displayName: t.displayName,
    description: t.description,
    quotaType: t.quotaType,
    requestCount: t.requestCount,
    dataAmountKib: t.dataAmountKib,
    unitSeconds: t.unitSeconds,
    calendarUnit: t.calendarUnit,
    burstLimit: t.burstLimit,
    stopOnQuotaReach: t.stopOnQuotaReach,
    requiresApproval: t.requiresApproval,
    conditionGroups: t.conditionGroups.map((g) => ({ ...g, conditions: g.conditions.map((c) => ({ ...c })) })),
  };
}

function TiersSection() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: throttlingPoliciesQuery, requestPolicy: 'cache-and-network' });
  const [createState, create] = useMutation(createTierMutation);
  const [updateState, update] = useMutation(updateTierMutation);
  const [deleteState, remove] = useMutation(deleteTierMutation);
  const [editing, setEditing] = useState<{ id: string | null; draft: TierDraft } | null>(null);
  const [deleting, setDeleting] = useState<Tier | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const tiers = data?.throttlingPolicies ?? [];
  const saveErrors = editing ? toFormErrors(editing.id ? updateState.error : createState.error) : noFormErrors;

  async function save(d: TierDraft) {
    setNotice(null);
    const r = editing?.id ? await update({ id: editing.id, input: tierInput(d) }) : await create({ input: tierInput(d) });
    if (!r.error) {
      setEditing(null);
      setNotice(`Saved tier ${d.name}.`);
      refetch({ requestPolicy: 'network-only' });
    }
  }
  async function confirmDelete(t: Tier) {
    setNotice(null);
    const r = await remove({ id: t.id });
    setDeleting(null);
    if (!r.error) {
      setNotice(`Deleted tier ${t.name}.`);
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <section className="section" aria-labelledby="tiers-title">
      <h2 id="tiers-title">Throttling tiers</h2>
      {notice && <Banner kind="success">{notice}</Banner>}
      {deleteState.error && <Banner>{errorMessage(deleteState.error)}</Banner>}
      {editing ? (
        <TierForm
          key={editing.id ?? 'new'}
          initial={editing.draft}
          editing={Boolean(editing.id)}
          busy={createState.fetching || updateState.fetching}
          errors={saveErrors}
          onSave={(d) => void save(d)}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <p>
          {levels.map(([level, , action]) => (
            <button key={level} type="button" className="button" onClick={() => setEditing({ id: null, draft: emptyTier(level) })}>
              {action}
            </button>
          ))}
        </p>
      )}
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        {levels.map(([level, label]) => {
          const rows = tiers.filter((t) => t.level === level);
          const id = `tiers-${level.toLowerCase()}`;
          return (
            <div key={level}>
              <h3 id={id}>{label}</h3>
              {rows.length === 0 ? (
                <p className="empty">None yet.</p>
              ) : (
                <table className="table" aria-labelledby={id}>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Quota</th>
                      <th scope="col">Burst</th>
                      <th scope="col">Over quota</th>
                      <th scope="col">
                        <span className="muted">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((t) => (
                      <tr key={t.id}>
                        <td>
                          {t.displayName || t.name}
                          {t.requiresApproval && <span className="badge">approval</span>}
                          {t.conditionGroups.length > 0 && <span className="badge">{t.conditionGroups.length} condition group(s)</span>}
                        </td>
                        <td>{quota(t)}</td>
                        <td>{t.burstLimit > 0 ? `${t.burstLimit}/s` : '—'}</td>
                        <td>{t.stopOnQuotaReach ? 'Stop' : 'Allow and bill'}</td>
                        <td>
                          {deleting?.id === t.id ? (
                            <ConfirmDelete busy={deleteState.fetching} onConfirm={() => void confirmDelete(t)} onCancel={() => setDeleting(null)}>
                              Delete tier {t.name}? Gateways stop enforcing it.
                            </ConfirmDelete>
                          ) : (
                            <>
                              <button type="button" className="button" aria-label={`Edit ${t.name}`} onClick={() => setEditing({ id: t.id, draft: draftOf(t) })}>
                                Edit
                              </button>{' '}
                              <button type="button" className="button danger" aria-label={`Delete ${t.name}`} onClick={() => setDeleting(t)}>
                                Delete
                              </button>
                            </>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          );
        })}
      </QueryState>
    </section>
  );
}

const denyLabels: Record<string, string> = { API_CONTEXT: 'API context', APPLICATION: 'Application', USER: 'User', IP_RANGE: 'IP range' };

function DenySection() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: denyPoliciesQuery, requestPolicy: 'cache-and-network' });
  const [createState, create] = useMutation(createDenyPolicyMutation);
  const [updateState, update] = useMutation(updateDenyPolicyMutation);
  const [deleteState, remove] = useMutation(deleteDenyPolicyMutation);
  const [formKey, setFormKey] = useState(0);
  const policies = data?.denyPolicies ?? [];
  const failure = updateState.error ? errorMessage(updateState.error) : deleteState.error ? errorMessage(deleteState.error) : null;
  return (
    <section className="section" aria-labelledby="deny-title">
      <h2 id="deny-title">Deny policies</h2>
      <p className="muted">Calls matching a deny policy are refused with 403 before any other policy runs.</p>
      {failure && <Banner>{failure}</Banner>}
      <DenyPolicyForm
        key={formKey}
        busy={createState.fetching}
        errors={toFormErrors(createState.error)}
        onSave={(p) =>
          void create({ input: { ...p, enabled: true } }).then((r) => {
            if (!r.error) {
              setFormKey((k) => k + 1);
              refetch({ requestPolicy: 'network-only' });
            }
          })
        }
      />
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        {policies.length === 0 ? (
          <p className="empty">Nothing is denied.</p>
        ) : (
          <table className="table" aria-labelledby="deny-title">
            <thead>
              <tr>
                <th scope="col">Blocks</th>
                <th scope="col">Value</th>
                <th scope="col">Why</th>
                <th scope="col">Enabled</th>
                <th scope="col">
                  <span className="muted">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {policies.map((p) => (
                <tr key={p.id}>
                  <td>{denyLabels[p.conditionType] ?? p.conditionType}</td>
                  <td>
                    <code>{p.value}</code>
                  </td>
                  <td>{p.description}</td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Enforce ${p.value}`}
                      checked={p.enabled}
                      disabled={updateState.fetching}
                      onChange={(e) =>
                        void update({ id: p.id, input: { conditionType: p.conditionType, value: p.value, description: p.description, enabled: e.target.checked } }).then(() =>
                          refetch({ requestPolicy: 'network-only' }),
                        )
                      }
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button danger"
                      aria-label={`Delete deny policy ${p.value}`}
                      disabled={deleteState.fetching}
                      onClick={() => void remove({ id: p.id }).then(() => refetch({ requestPolicy: 'network-only' }))}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}

function QuotaResetSection() {
  const [state, reset] = useMutation(resetApplicationQuotaMutation);
  const [appID, setAppID] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const errors = toFormErrors(state.error);
  return (
    <section className="section" aria-labelledby="reset-title">
      <h2 id="reset-title">Reset an application's quota</h2>
      <p className="muted">Every gateway starts the application's counters afresh.</p>
      {errors.banner && <Banner>{errors.banner}</Banner>}
      {notice && <Banner kind="success">{notice}</Banner>}
      <form
        className="form inline"
        aria-label="Reset quota"
        onSubmit={(e) => {
          e.preventDefault();
          setNotice(null);
          void reset({ applicationID: appID.trim() }).then((r) => {
            if (!r.error) setNotice(`Quota of ${appID.trim()} reset.`);
          });
        }}
      >
        <label htmlFor="reset-app">Application id</label>
        <input id="reset-app" value={appID} aria-invalid={Boolean(errors.fields.applicationID)} onChange={(e) => setAppID(e.target.value)} required />
        {errors.fields.applicationID && <p className="field-error">{errors.fields.applicationID}</p>}
        <button type="submit" className="button" disabled={state.fetching}>
          Reset quota
        </button>
      </form>
    </section>
  );
}
