import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { ConfirmDelete } from '../../../components/ConfirmDelete';
import { AddResourceForm, pathTemplateError, resourceMethods, type NewResource } from './AddResourceForm';
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
  /** Set only when the publisher moved the resource to another method or path. */
  method?: string;
  target?: string;
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
  /** When given, resources can be added (onAdd says whether it was) ... */
  onAdd?: (r: NewResource) => Promise<boolean>;
  adding?: boolean;
  /** ... with the server's field errors (method, target) shown by the form. */
  addErrors?: Record<string, string>;
  /** When given, each resource can be deleted after a confirmation. */
  onDelete?: (id: string) => Promise<boolean>;
  deleting?: boolean;
}

const label = (r: ResourceRow) => `${r.method} ${r.target}${r.soapAction ? ` ${r.soapAction}` : ''}`;

/** The API's resources (operations) as the gateway enforces them. */
export function ResourceTable({ resources, onSave, error, definedScopes, onAdd, adding, addErrors, onDelete, deleting }: ResourceTableProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<ResourceRow | null>(null);
  const actions = Boolean(onSave || onDelete);
  return (
    <section className="section" aria-labelledby="resources-title">
      <h2 id="resources-title">Resources</h2>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {confirming && onDelete && (
        <ConfirmDelete
          busy={Boolean(deleting)}
          onCancel={() => setConfirming(null)}
          onConfirm={async () => {
            if (await onDelete(confirming.id)) setConfirming(null);
          }}
        >
          Delete the resource <code>{label(confirming)}</code>? Once a revision without it is deployed, the gateway no longer serves it.
        </ConfirmDelete>
      )}
      {resources.length === 0 ? (
        <Banner kind="warning">This API has no resources: the gateway serves nothing for it. Add resources.</Banner>
      ) : (
        <table className="table" aria-labelledby="resources-title">
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">Path</th>
              <th scope="col">Auth required</th>
              <th scope="col">Scopes</th>
              <th scope="col">Settings</th>
              {actions && (
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
                  {actions && (
                    <td>
                      {onSave && (
                        <button type="button" className="button" onClick={() => setEditing(r.id)} aria-label={`Edit ${label(r)}`}>
                          Edit
                        </button>
                      )}{' '}
                      {onDelete && (
                        <button type="button" className="button danger" onClick={() => setConfirming(r)} aria-label={`Delete ${label(r)}`}>
                          Delete
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      {onAdd && <AddResourceForm onAdd={onAdd} busy={adding} serverErrors={addErrors} />}
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
  // A SOAP resource follows its WSDL's action: it keeps its method and path.
  const movable = !resource.soapAction;
  const [method, setMethod] = useState(resource.method);
  const [target, setTarget] = useState(resource.target);
  const [pathError, setPathError] = useState<string | null>(null);
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
    const moved = method !== resource.method || target.trim() !== resource.target;
    const err = moved ? pathTemplateError(target) : null;
    setPathError(err);
    if (err) return;
    onSave({
      ...(moved ? { method, target: target.trim() } : {}),
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
          {movable ? (
            <select form={formId} aria-label="Method" value={method} onChange={(e) => setMethod(e.target.value)}>
              {resourceMethods.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          ) : (
            <span className="method">{resource.method}</span>
          )}
        </td>
        <td>
          {movable ? (
            <input form={formId} type="text" aria-label="Path" aria-invalid={Boolean(pathError)} value={target} onChange={(e) => setTarget(e.target.value)} />
          ) : (
            <code>{resource.target}</code>
          )}
          {pathError && <p className="field-error">{pathError}</p>}
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
