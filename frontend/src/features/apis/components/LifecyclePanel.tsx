import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import type { ApiLifecycleStatus, LifecycleAction } from '../../../gql/graphql';
import { LifecycleBadge } from './LifecycleBadge';

export const lifecycleActionLabels: Record<LifecycleAction, string> = {
  PUBLISH: 'Publish',
  DEPLOY_AS_PROTOTYPE: 'Deploy as prototype',
  DEMOTE_TO_CREATED: 'Demote to created',
  BLOCK: 'Block',
  REPUBLISH: 'Re-publish',
  DEPRECATE: 'Deprecate',
  RETIRE: 'Retire',
};

const destructive: ReadonlySet<LifecycleAction> = new Set<LifecycleAction>(['BLOCK', 'RETIRE']);

export interface LifecycleEventRow {
  from: ApiLifecycleStatus;
  to: ApiLifecycleStatus;
  actor: string;
  reason: string;
  time: string;
}

/** What publishing a new version does to the versions before it. */
export interface PublishOptions {
  deprecateOlderVersions: boolean;
  requireResubscription: boolean;
}

export interface LifecyclePanelProps {
  status: ApiLifecycleStatus;
  /** The actions the server allows from the current status, in its order. */
  actions: LifecycleAction[];
  history: LifecycleEventRow[];
  /** Resolves true when the change was made (the reason is then cleared). */
  onAction: (action: LifecycleAction, reason: string, publish?: PublishOptions) => Promise<boolean>;
  /** The version before this one, if any: publishing then offers what to do with older versions. */
  previousVersion?: string | null;
  /** The action being sent, if any. */
  pending: LifecycleAction | null;
  error: string | null;
}

/** The API's lifecycle: its status, the allowed moves (with an optional reason) and its history. */
export function LifecyclePanel({ status, actions, history, onAction, pending, error, previousVersion }: LifecyclePanelProps) {
  const [reason, setReason] = useState('');
  const [publish, setPublish] = useState<PublishOptions>({ deprecateOlderVersions: false, requireResubscription: true });
  const newVersion = Boolean(previousVersion) && actions.includes('PUBLISH');

  async function act(action: LifecycleAction) {
    if (await onAction(action, reason.trim(), action === 'PUBLISH' && newVersion ? publish : undefined)) setReason('');
  }

  return (
    <section className="section" aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">Lifecycle</h2>
      <div className="panel">
        <p className="lifecycle-current">
          Current status: <span data-testid="lifecycle-status">
            <LifecycleBadge status={status} />
          </span>
        </p>
        {error && <Banner>{error}</Banner>}
        {actions.length === 0 ? (
          <p className="muted">No lifecycle changes are possible from this status.</p>
        ) : (
          <form className="lifecycle-actions" onSubmit={(e: FormEvent) => e.preventDefault()} aria-label="Lifecycle actions">
            <div className="field">
              <label htmlFor="lifecycle-reason">Reason</label>
              <input id="lifecycle-reason" name="reason" type="text" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Optional, kept in the history" autoComplete="off" />
            </div>
            {newVersion && (
              <fieldset className="choice" aria-label="Publishing a new version">
                <legend>When publishing this version (previous: {previousVersion})</legend>
                <label>
                  <input
                    type="checkbox"
                    name="deprecate-older-versions"
                    checked={publish.deprecateOlderVersions}
                    onChange={(e) => setPublish((p) => ({ ...p, deprecateOlderVersions: e.target.checked }))}
                  />
                  Deprecate older versions
                </label>
                <label>
                  <input
                    type="checkbox"
                    name="require-resubscription"
                    checked={publish.requireResubscription}
                    onChange={(e) => setPublish((p) => ({ ...p, requireResubscription: e.target.checked }))}
                  />
                  Require re-subscription (otherwise the previous version's subscriptions are copied)
                </label>
              </fieldset>
            )}
            <div className="form-actions">
              {actions.map((a) => (
                <button key={a} type="button" className={destructive.has(a) ? 'button danger' : 'button'} disabled={pending !== null} onClick={() => void act(a)}>
                  {pending === a ? `${lifecycleActionLabels[a]}…` : lifecycleActionLabels[a]}
                </button>
              ))}
            </div>
          </form>
        )}
      </div>

      <h3 id="lifecycle-history-title">History</h3>
      {history.length === 0 ? (
        <p className="empty">No lifecycle changes yet.</p>
      ) : (
        <table className="table" aria-label="Lifecycle history">
          <thead>
            <tr>
              <th scope="col">Change</th>
              <th scope="col">By</th>
              <th scope="col">When</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h, i) => (
              <tr key={`${h.time}-${i}`}>
                <td>
                  {h.from} → {h.to}
                </td>
                <td>{h.actor}</td>
                <td>
                  <time dateTime={h.time}>{formatTime(h.time)}</time>
                </td>
                <td>{h.reason || <span className="muted">none</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}
