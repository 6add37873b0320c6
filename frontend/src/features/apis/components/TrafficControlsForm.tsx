import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { TrafficControlsInput, WebSocketOverLimit } from '../../../gql/graphql';
import type { FormErrors } from '../../../lib/errors';

export interface GraphQLFieldRow {
  type: string;
  field: string;
  returns: string;
  scope?: string | null;
}

export interface TrafficControlsInitial {
  graphql?: { maxDepth: number; maxComplexity: number; listMultiplier: number } | null;
  webSocket?: { messageCount: number; unitSeconds: number; countSubscription: boolean; overLimit: WebSocketOverLimit } | null;
}

export interface TrafficControlsFormProps {
  kind: 'GRAPHQL' | 'WS';
  initial: TrafficControlsInitial;
  /** The object fields of the API's schema (GraphQL only). */
  fields: GraphQLFieldRow[];
  onSubmit: (v: TrafficControlsInput) => void;
  errors: FormErrors;
  submitting: boolean;
}

const wholeNumber = /^\d+$/;

/**
 * Traffic controls of a GraphQL API (query depth and complexity, scopes per
 * field) or a WebSocket API (client messages per connection); the gateway
 * applies them from the next deployment.
 */
export function TrafficControlsForm({ kind, initial, fields, onSubmit, errors, submitting }: TrafficControlsFormProps) {
  const g = initial.graphql;
  const w = initial.webSocket;
  const [depth, setDepth] = useState(String(g?.maxDepth ?? 0));
  const [complexity, setComplexity] = useState(String(g?.maxComplexity ?? 0));
  const [multiplier, setMultiplier] = useState(String(g?.listMultiplier ?? 1));
  const [scopes, setScopes] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [`${f.type}.${f.field}`, f.scope ?? ''])),
  );
  const [count, setCount] = useState(String(w?.messageCount ?? 0));
  const [unit, setUnit] = useState(String(w?.unitSeconds ?? 60));
  const [countSub, setCountSub] = useState(Boolean(w?.countSubscription));
  const [overLimit, setOverLimit] = useState<WebSocketOverLimit>(w?.overLimit ?? 'CLOSE');
  const [local, setLocal] = useState<Record<string, string>>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    const bad: Record<string, string> = {};
    const num = (name: string, v: string) => {
      if (!wholeNumber.test(v.trim())) bad[name] = 'Enter a whole number, 0 or more.';
      return Number.parseInt(v, 10) || 0;
    };
    let input: TrafficControlsInput;
    if (kind === 'GRAPHQL') {
      const mul = num('listMultiplier', multiplier);
      if (!bad.listMultiplier && (mul < 1 || mul > 1000)) bad.listMultiplier = 'Between 1 and 1000.';
      input = {
        graphql: {
          maxDepth: num('maxDepth', depth),
          maxComplexity: num('maxComplexity', complexity),
          listMultiplier: mul,
          fieldScopes: fields.flatMap((f) => {
            const scope = (scopes[`${f.type}.${f.field}`] ?? '').trim();
            return scope ? [{ type: f.type, field: f.field, scope }] : [];
          }),
        },
      };
    } else {
      const messageCount = num('messageCount', count);
      const unitSeconds = num('unitSeconds', unit);
      if (!bad.unitSeconds && messageCount > 0 && unitSeconds < 1) bad.unitSeconds = 'A message limit needs a unit of at least one second.';
      input = { webSocket: { messageCount, unitSeconds, countSubscription: countSub, overLimit } };
    }
    setLocal(bad);
    if (Object.keys(bad).length === 0) onSubmit(input);
  }
  const f = { ...errors.fields, ...local };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Traffic controls">
      {errors.banner && <Banner>{errors.banner}</Banner>}
      {kind === 'GRAPHQL' ? (
        <>
          <FormField id="tc-depth" name="maxDepth" label="Maximum query depth" hint="Nested fields; 0: no limit" error={f.maxDepth}>
            {(a) => <input {...a} type="number" min={0} value={depth} onChange={(e) => setDepth(e.target.value)} />}
          </FormField>
          <FormField id="tc-complexity" name="maxComplexity" label="Maximum query complexity" hint="One per field, list selections multiplied; 0: no limit" error={f.maxComplexity}>
            {(a) => <input {...a} type="number" min={0} value={complexity} onChange={(e) => setComplexity(e.target.value)} />}
          </FormField>
          <FormField id="tc-multiplier" name="listMultiplier" label="List multiplier" hint="What a list field multiplies its selection's complexity by" error={f.listMultiplier}>
            {(a) => <input {...a} type="number" min={1} max={1000} value={multiplier} onChange={(e) => setMultiplier(e.target.value)} />}
          </FormField>
          <h3>Field scopes</h3>
          {f.fieldScopes && <p className="field-error" role="alert">{f.fieldScopes}</p>}
          {fields.length === 0 ? (
            <p className="muted">The API's schema lists no object fields.</p>
          ) : (
            <table className="table" aria-label="Field scopes">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Type</th>
                  <th scope="col">Scope required</th>
                </tr>
              </thead>
              <tbody>
                {fields.map((row) => {
                  const key = `${row.type}.${row.field}`;
                  return (
                    <tr key={key}>
                      <td>
                        <code>{key}</code>
                      </td>
                      <td>
                        <code>{row.returns}</code>
                      </td>
                      <td>
                        <input
                          type="text"
                          aria-label={`Scope for ${key}`}
                          value={scopes[key] ?? ''}
                          onChange={(e) => setScopes((s) => ({ ...s, [key]: e.target.value }))}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      ) : (
        <>
          <FormField id="tc-count" name="messageCount" label="Messages per connection" hint="Client messages; 0: no per-connection limit" error={f.messageCount}>
            {(a) => <input {...a} type="number" min={0} value={count} onChange={(e) => setCount(e.target.value)} />}
          </FormField>
          <FormField id="tc-unit" name="unitSeconds" label="Per (seconds)" error={f.unitSeconds}>
            {(a) => <input {...a} type="number" min={1} value={unit} onChange={(e) => setUnit(e.target.value)} />}
          </FormField>
          <label className="check">
            <input type="checkbox" checked={countSub} onChange={(e) => setCountSub(e.target.checked)} /> Count each message against the subscription's tier
          </label>
          <FormField id="tc-over" name="overLimit" label="Over the limit" error={f.overLimit}>
            {(a) => (
              <select {...a} value={overLimit} onChange={(e) => setOverLimit(e.target.value as WebSocketOverLimit)}>
                <option value={'CLOSE'}>Close the connection (1008 policy violation)</option>
                <option value={'DROP'}>Drop the message</option>
              </select>
            )}
          </FormField>
        </>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={submitting}>
          {submitting ? 'Saving…' : 'Save traffic controls'}
        </button>
      </div>
    </form>
  );
}
