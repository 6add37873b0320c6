import { useState, type FormEvent } from 'react';
import { joinList, splitList } from './lists';

interface NameValue {
  name: string;
  value: string;
}

export interface ResourcePolicies {
  setRequestHeaders: NameValue[];
  removeRequestHeaders: string[];
  setQueryParams: NameValue[];
  removeQueryParams: string[];
  rewritePath: string;
  contentTypes: string[];
  setResponseHeaders: NameValue[];
  removeResponseHeaders: string[];
}

export interface ResourceRow {
  id: string;
  method: string;
  target: string;
  /** On a SOAP pass-through API, the SOAPAction the resource answers. */
  soapAction?: string;
  authRequired: boolean;
  scopes?: string[] | null;
  throttlingTier?: string;
  requestValidation?: boolean;
  policies?: ResourcePolicies | null;
}

/** What the resource editor saves (the updateAPIOperation input). */
export interface ResourceSettings {
  authRequired: boolean;
  scopes: string[];
  throttlingTier: string;
  requestValidation: boolean;
  policies: ResourcePolicies;
}

/** "Name: value" lines for a list of pairs; sep is ": " or "=". */
export function joinPairs(l: readonly NameValue[] | undefined, sep: string): string {
  return (l ?? []).map((p) => `${p.name}${sep}${p.value}`).join('\n');
}

/** Parses "Name: value" (or name=value) lines; lines without the separator are skipped. */
export function splitPairs(s: string, sep: string): NameValue[] {
  return s
    .split('\n')
    .map((line) => {
      const i = line.indexOf(sep.trim());
      return i < 0 ? null : { name: line.slice(0, i).trim(), value: line.slice(i + sep.trim().length).trim() };
    })
    .filter((p): p is NameValue => p !== null && p.name !== '');
}

function policySummary(r: ResourceRow): string {
  const p = r.policies;
  const parts: string[] = [];
  if (r.throttlingTier) parts.push(`tier ${r.throttlingTier}`);
  if (r.requestValidation) parts.push('validated');
  if (p) {
    const n = p.setRequestHeaders.length + p.removeRequestHeaders.length + p.setQueryParams.length + p.removeQueryParams.length +
      p.setResponseHeaders.length + p.removeResponseHeaders.length + p.contentTypes.length + (p.rewritePath ? 1 : 0);
    if (n) parts.push(`${n} ${n === 1 ? 'policy' : 'policies'}`);
  }
  return parts.join(', ');
}

export interface ResourceTableProps {
  resources: ResourceRow[];
  /** When given, each resource can be edited in place. */
  onSave?: (id: string, v: ResourceSettings) => Promise<boolean>;
  error?: string | null;
  /**
   * The scopes the API defines: when given, the editor offers these to pick from (a scope
   * typed into the free-text field instead is defined with no role restriction).
   */
  definedScopes?: string[];
}

/** The API's resources (operations) as the gateway enforces them. */
export function ResourceTable({ resources, onSave, error, definedScopes }: ResourceTableProps) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section className="section" aria-labelledby="resources-title">
      <h2 id="resources-title">Resources</h2>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {resources.length === 0 ? (
        <p className="empty">No resources: every path under the context goes to the endpoint.</p>
      ) : (
        <table className="table" aria-labelledby="resources-title">
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">Path</th>
              <th scope="col">Auth required</th>
              <th scope="col">Scopes</th>
              <th scope="col">Settings</th>
              {onSave && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {resources.map((r) =>
              editing === r.id && onSave ? (
                <ResourceEditRow
                  key={r.id}
                  resource={r}
                  definedScopes={definedScopes}
                  onCancel={() => setEditing(null)}
                  onSave={async (v) => {
                    if (await onSave(r.id, v)) setEditing(null);
                  }}
                />
              ) : (
                <tr key={r.id}>
                  <td>
                    <span className="method">{r.method}</span>
                  </td>
                  <td>
                    <code>{r.target}</code>
                    {r.soapAction && (
                      <span className="muted block" data-testid="soap-action">
                        SOAPAction <code>{r.soapAction}</code>
                      </span>
                    )}
                  </td>
                  <td>{r.authRequired ? 'Yes' : 'No'}</td>
                  <td>{r.scopes?.length ? r.scopes.join(', ') : <span className="muted">none</span>}</td>
                  <td>{policySummary(r) || <span className="muted">none</span>}</td>
                  {onSave && (
                    <td>
                      <button type="button" className="button" onClick={() => setEditing(r.id)} aria-label={`Edit ${r.method} ${r.target}${r.soapAction ? ` ${r.soapAction}` : ''}`}>
                        Edit
                      </button>
                    </td>
                  )}
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ResourceEditRow({
  resource,
  definedScopes,
  onSave,
  onCancel,
}: {
  resource: ResourceRow;
  definedScopes?: string[];
  onSave: (v: ResourceSettings) => void;
  onCancel: () => void;
}) {
  const p = resource.policies;
  const [auth, setAuth] = useState(resource.authRequired);
  const [scopes, setScopes] = useState(joinList(resource.scopes));
  // Scopes to pick from: the defined ones, and any the resource has that are not (older data).
  const pickable = definedScopes?.length ? [...new Set([...definedScopes, ...(resource.scopes ?? [])])].sort() : null;
  const [picked, setPicked] = useState<string[]>(resource.scopes ?? []);
  const [tier, setTier] = useState(resource.throttlingTier ?? '');
  const [validate, setValidate] = useState(Boolean(resource.requestValidation));
  const [setReq, setSetReq] = useState(joinPairs(p?.setRequestHeaders, ': '));
  const [rmReq, setRmReq] = useState(joinList(p?.removeRequestHeaders));
  const [setQuery, setSetQuery] = useState(joinPairs(p?.setQueryParams, '='));
  const [rmQuery, setRmQuery] = useState(joinList(p?.removeQueryParams));
  const [rewrite, setRewrite] = useState(p?.rewritePath ?? '');
  const [types, setTypes] = useState(joinList(p?.contentTypes));
  const [setResp, setSetResp] = useState(joinPairs(p?.setResponseHeaders, ': '));
  const [rmResp, setRmResp] = useState(joinList(p?.removeResponseHeaders));
  function submit(e: FormEvent) {
    e.preventDefault();
    onSave({
      authRequired: auth,
      scopes: pickable ? pickable.filter((s) => picked.includes(s)) : splitList(scopes),
      throttlingTier: tier.trim(),
      requestValidation: validate,
      policies: {
        setRequestHeaders: splitPairs(setReq, ':'),
        removeRequestHeaders: splitList(rmReq),
        setQueryParams: splitPairs(setQuery, '='),
        removeQueryParams: splitList(rmQuery),
        rewritePath: rewrite.trim(),
        contentTypes: splitList(types),
        setResponseHeaders: splitPairs(setResp, ':'),
        removeResponseHeaders: splitList(rmResp),
      },
    });
  }
  const formId = `resource-${resource.id}`;
  const field = (id: string, label: string, input: React.ReactNode, hint?: string) => (
    <div className="field">
      <label htmlFor={`${formId}-${id}`}>{label}</label>
      {input}
      {hint && <p className="hint">{hint}</p>}
    </div>
  );
  return (
    <>
      <tr>
        <td>
          <span className="method">{resource.method}</span>
        </td>
        <td>
          <code>{resource.target}</code>
          <form id={formId} onSubmit={submit} aria-label={`Edit ${resource.method} ${resource.target}${resource.soapAction ? ` ${resource.soapAction}` : ''}`} />
        </td>
        <td>
          <label className="check">
            <input form={formId} type="checkbox" checked={auth} onChange={(e) => setAuth(e.target.checked)} /> Auth required
          </label>
        </td>
        <td>
          {pickable ? (
            <fieldset className="fieldset" aria-label="Scopes">
              {pickable.map((s) => (
                <label key={s} className="check">
                  <input
                    form={formId}
                    type="checkbox"
                    checked={picked.includes(s)}
                    onChange={(e) => setPicked((o) => (e.target.checked ? [...o, s] : o.filter((x) => x !== s)))}
                  />{' '}
                  {s}
                </label>
              ))}
            </fieldset>
          ) : (
            <input form={formId} type="text" aria-label="Scopes" value={scopes} onChange={(e) => setScopes(e.target.value)} />
          )}
        </td>
        <td />
        <td>
          <button form={formId} type="submit" className="button primary">
            Save
          </button>{' '}
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </td>
      </tr>
      <tr>
        <td colSpan={6}>
          <fieldset className="fieldset" aria-label="Resource settings">
            {field(
              'tier',
              'Throttling tier',
              <input id={`${formId}-tier`} form={formId} type="text" value={tier} onChange={(e) => setTier(e.target.value)} />,
              'An API or subscription tier limiting this resource for all callers; empty for none.',
            )}
            <label className="check">
              <input form={formId} type="checkbox" checked={validate} onChange={(e) => setValidate(e.target.checked)} /> Validate requests against the definition
            </label>
            {field(
              'set-req',
              'Set request headers',
              <textarea id={`${formId}-set-req`} form={formId} rows={2} value={setReq} onChange={(e) => setSetReq(e.target.value)} />,
              'One "Name: value" per line.',
            )}
            {field('rm-req', 'Remove request headers', <input id={`${formId}-rm-req`} form={formId} type="text" value={rmReq} onChange={(e) => setRmReq(e.target.value)} />)}
            {field(
              'set-query',
              'Set query parameters',
              <textarea id={`${formId}-set-query`} form={formId} rows={2} value={setQuery} onChange={(e) => setSetQuery(e.target.value)} />,
              'One "name=value" per line.',
            )}
            {field('rm-query', 'Remove query parameters', <input id={`${formId}-rm-query`} form={formId} type="text" value={rmQuery} onChange={(e) => setRmQuery(e.target.value)} />)}
            {field('rewrite', 'Rewrite path', <input id={`${formId}-rewrite`} form={formId} type="text" value={rewrite} onChange={(e) => setRewrite(e.target.value)} />, 'e.g. /v2/menu; empty keeps the path.')}
            {field(
              'types',
              'Allowed content types',
              <input id={`${formId}-types`} form={formId} type="text" value={types} onChange={(e) => setTypes(e.target.value)} />,
              'Others are refused with 415; empty allows any.',
            )}
            {field(
              'set-resp',
              'Set response headers',
              <textarea id={`${formId}-set-resp`} form={formId} rows={2} value={setResp} onChange={(e) => setSetResp(e.target.value)} />,
              'One "Name: value" per line.',
            )}
            {field('rm-resp', 'Remove response headers', <input id={`${formId}-rm-resp`} form={formId} type="text" value={rmResp} onChange={(e) => setRmResp(e.target.value)} />)}
          </fieldset>
        </td>
      </tr>
    </>
  );
}
