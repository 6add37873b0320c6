import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { FormErrors } from '../../../lib/errors';
import type { ThrottlingTierCalendarUnit, ThrottlingTierInput, ThrottlingTierLevel, ThrottlingTierQuotaType } from '../../../gql/graphql';

export interface ConditionDraft {
  type: string;
  name: string;
  value: string;
  regex: boolean;
  invert: boolean;
}

export interface GroupDraft {
  description: string;
  requestCount: number;
  unitSeconds: number;
  conditions: ConditionDraft[];
}

export interface TierDraft {
  level: ThrottlingTierLevel;
  name: string;
  displayName: string;
  description: string;
  quotaType: ThrottlingTierQuotaType;
  requestCount: number;
  dataAmountKib: number;
  unitSeconds: number;
  calendarUnit: ThrottlingTierCalendarUnit;
  burstLimit: number;
  stopOnQuotaReach: boolean;
  requiresApproval: boolean;
  conditionGroups: GroupDraft[];
}

export const emptyTier = (level: ThrottlingTierLevel): TierDraft => ({
  level,
  name: '',
  displayName: '',
  description: '',
  quotaType: 'REQUEST_COUNT',
  requestCount: 1000,
  dataAmountKib: 0,
  unitSeconds: 60,
  calendarUnit: 'NONE',
  burstLimit: 0,
  stopOnQuotaReach: true,
  requiresApproval: false,
  conditionGroups: [],
});

/** The draft as the mutation takes it. */
export function tierInput(d: TierDraft): ThrottlingTierInput {
  return {
    ...d,
    conditionGroups: d.level === 'API' ? d.conditionGroups : [],
  };
}

const conditionTypes: Array<[string, string]> = [
  ['IP_RANGE', 'IP range (CIDR)'],
  ['HEADER', 'Header'],
  ['QUERY_PARAM', 'Query parameter'],
  ['JWT_CLAIM', 'JWT claim'],
];

/** What a condition's name field holds, by type. */
const namePlaceholder: Record<string, string> = {
  HEADER: 'header, e.g. X-Plan',
  QUERY_PARAM: 'query parameter',
  JWT_CLAIM: 'claim, e.g. plan or groups',
};

interface Props {
  initial: TierDraft;
  editing: boolean;
  busy: boolean;
  errors: FormErrors;
  onSave: (d: TierDraft) => void;
  onCancel: () => void;
}

/** Create or edit a throttling tier of any level; the server validates, its errors show by their field. */
export function TierForm({ initial, editing, busy, errors, onSave, onCancel }: Props) {
  const [d, setD] = useState<TierDraft>(initial);
  const set = <K extends keyof TierDraft>(k: K, v: TierDraft[K]) => setD((p) => ({ ...p, [k]: v }));
  const num = (s: string) => (s.trim() === '' ? 0 : Number(s));
  const setGroup = (i: number, g: Partial<GroupDraft>) => set('conditionGroups', d.conditionGroups.map((x, j) => (j === i ? { ...x, ...g } : x)));
  const setCond = (i: number, k: number, c: Partial<ConditionDraft>) =>
    setGroup(i, { conditions: (d.conditionGroups[i]?.conditions ?? []).map((x, j) => (j === k ? { ...x, ...c } : x)) });

  function submit(e: FormEvent) {
    e.preventDefault();
    onSave(d);
  }
  const f = errors.fields;
  const prefix = 'tier';
  return (
    <form className="form" onSubmit={submit} aria-label={editing ? `Edit tier ${initial.name}` : 'New tier'}>
      {errors.banner && <Banner>{errors.banner}</Banner>}
      <FormField id={`${prefix}-level`} name="level" label="Level" error={f.level} hint={editing ? 'A tier keeps its level.' : undefined}>
        {(a) => (
          <select {...a} value={d.level} disabled={editing} onChange={(e) => set('level', e.target.value as ThrottlingTierLevel)}>
            <option value="SUBSCRIPTION">Subscription</option>
            <option value="APPLICATION">Application</option>
            <option value="API">API / resource</option>
          </select>
        )}
      </FormField>
      <FormField id={`${prefix}-name`} name="name" label="Name" error={f.name}>
        {(a) => <input {...a} value={d.name} onChange={(e) => set('name', e.target.value)} required />}
      </FormField>
      <FormField id={`${prefix}-display`} name="displayName" label="Display name" error={f.displayName}>
        {(a) => <input {...a} value={d.displayName} onChange={(e) => set('displayName', e.target.value)} />}
      </FormField>
      <FormField id={`${prefix}-description`} name="description" label="Description" error={f.description}>
        {(a) => <textarea {...a} value={d.description} onChange={(e) => set('description', e.target.value)} />}
      </FormField>
      <FormField id={`${prefix}-quota-type`} name="quotaType" label="Quota type" error={f.quotaType}>
        {(a) => (
          <select {...a} value={d.quotaType} onChange={(e) => set('quotaType', e.target.value as ThrottlingTierQuotaType)}>
            <option value="REQUEST_COUNT">Request count</option>
            <option value="BANDWIDTH">Bandwidth</option>
          </select>
        )}
      </FormField>
      {d.quotaType === 'REQUEST_COUNT' ? (
        <FormField id={`${prefix}-requests`} name="requestCount" label="Requests per unit" hint="0 means unlimited." error={f.requestCount}>
          {(a) => <input {...a} type="number" value={d.requestCount} onChange={(e) => set('requestCount', num(e.target.value))} />}
        </FormField>
      ) : (
        <FormField id={`${prefix}-kib`} name="dataAmountKib" label="KiB per unit" hint="Response bytes count against it." error={f.dataAmountKib}>
          {(a) => <input {...a} type="number" value={d.dataAmountKib} onChange={(e) => set('dataAmountKib', num(e.target.value))} />}
        </FormField>
      )}
      <FormField id={`${prefix}-calendar`} name="calendarUnit" label="Time unit" error={f.calendarUnit}>
        {(a) => (
          <select {...a} value={d.calendarUnit} onChange={(e) => set('calendarUnit', e.target.value as ThrottlingTierCalendarUnit)}>
            <option value="NONE">Sliding window (seconds)</option>
            <option value="DAY">Calendar day</option>
            <option value="MONTH">Calendar month</option>
          </select>
        )}
      </FormField>
      {d.calendarUnit === 'NONE' && (
        <FormField id={`${prefix}-unit`} name="unitSeconds" label="Window (seconds)" error={f.unitSeconds}>
          {(a) => <input {...a} type="number" value={d.unitSeconds} onChange={(e) => set('unitSeconds', num(e.target.value))} />}
        </FormField>
      )}
      <FormField id={`${prefix}-burst`} name="burstLimit" label="Burst limit (requests per second)" hint="0: no burst control." error={f.burstLimit}>
        {(a) => <input {...a} type="number" value={d.burstLimit} onChange={(e) => set('burstLimit', num(e.target.value))} />}
      </FormField>
      {d.level === 'SUBSCRIPTION' && (
        <>
          <FormField id={`${prefix}-stop`} name="stopOnQuotaReach" label="When the quota is spent" error={f.stopOnQuotaReach}>
            {(a) => (
              <select {...a} value={d.stopOnQuotaReach ? 'stop' : 'bill'} onChange={(e) => set('stopOnQuotaReach', e.target.value === 'stop')}>
                <option value="stop">Stop calls (429)</option>
                <option value="bill">Allow and bill</option>
              </select>
            )}
          </FormField>
          <label className="checkbox">
            <input type="checkbox" checked={d.requiresApproval} onChange={(e) => set('requiresApproval', e.target.checked)} /> New subscriptions require approval
          </label>
        </>
      )}
      {d.level === 'API' && (
        <fieldset>
          <legend>Condition groups</legend>
          {f.conditionGroups && (
            <p className="field-error" data-testid="field-error-conditionGroups">
              {f.conditionGroups}
            </p>
          )}
          {d.conditionGroups.map((g, i) => (
            <div key={i} className="condition-group" role="group" aria-label={`Condition group ${i + 1}`}>
              <label>
                Requests{' '}
                <input type="number" aria-label={`Group ${i + 1} requests`} value={g.requestCount} onChange={(e) => setGroup(i, { requestCount: num(e.target.value) })} />
              </label>{' '}
              <label>
                per seconds{' '}
                <input type="number" aria-label={`Group ${i + 1} seconds`} value={g.unitSeconds} onChange={(e) => setGroup(i, { unitSeconds: num(e.target.value) })} />
              </label>
              {g.conditions.map((c, k) => (
                <div key={k} className="condition">
                  <select aria-label={`Group ${i + 1} condition ${k + 1} type`} value={c.type} onChange={(e) => setCond(i, k, { type: e.target.value })}>
                    {conditionTypes.map(([v, l]) => (
                      <option key={v} value={v}>
                        {l}
                      </option>
                    ))}
                  </select>
                  {c.type !== 'IP_RANGE' && <input aria-label={`Group ${i + 1} condition ${k + 1} name`} placeholder={namePlaceholder[c.type] ?? 'name'} value={c.name} onChange={(e) => setCond(i, k, { name: e.target.value })} />}
                  <input aria-label={`Group ${i + 1} condition ${k + 1} value`} placeholder={c.type === 'IP_RANGE' ? '10.0.0.0/8' : 'value'} value={c.value} onChange={(e) => setCond(i, k, { value: e.target.value })} />
                  {c.type !== 'IP_RANGE' && (
                    <label>
                      <input type="checkbox" checked={c.regex} onChange={(e) => setCond(i, k, { regex: e.target.checked })} /> regex
                    </label>
                  )}
                  <label>
                    <input type="checkbox" checked={c.invert} onChange={(e) => setCond(i, k, { invert: e.target.checked })} /> not
                  </label>
                  <button type="button" className="button" onClick={() => setGroup(i, { conditions: g.conditions.filter((_, j) => j !== k) })}>
                    Remove condition
                  </button>
                </div>
              ))}
              <button type="button" className="button" onClick={() => setGroup(i, { conditions: [...g.conditions, { type: 'IP_RANGE', name: '', value: '', regex: false, invert: false }] })}>
                Add condition
              </button>{' '}
              <button type="button" className="button danger" onClick={() => set('conditionGroups', d.conditionGroups.filter((_, j) => j !== i))}>
                Remove group
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button"
            onClick={() =>
              set('conditionGroups', [...d.conditionGroups, { description: '', requestCount: 10, unitSeconds: 60, conditions: [{ type: 'IP_RANGE', name: '', value: '', regex: false, invert: false }] }])
            }
          >
            Add condition group
          </button>
        </fieldset>
      )}
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {editing ? 'Save tier' : 'Create tier'}
        </button>{' '}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
