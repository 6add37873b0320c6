import { useState, type FormEvent } from 'react';
import { FormField } from '../../../components/FormField';

export const resourceMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** What "Add resource" saves (the addAPIOperation input). */
export interface NewResource {
  method: string;
  target: string;
  authRequired: boolean;
}

const literal = /^[A-Za-z0-9\-._~!$&'()+,;=:@]+$/;
const param = /^\{([A-Za-z_][A-Za-z0-9_.-]{0,63})\}$/;

/**
 * Checks a path template as the server does (the server has the last word): starts with /,
 * literal segments, whole-segment {name} parameters, an optional final *; no empty, . or ..
 * segments and no percent-encoding. Returns a message, or null when it looks valid.
 */
export function pathTemplateError(target: string): string | null {
  const t = target.trim();
  if (!t) return 'Required.';
  if (!t.startsWith('/')) return 'The path must start with /.';
  if (t === '/') return null;
  if (t.endsWith('/')) return 'The path must not end with /.';
  const names = new Set<string>();
  const segs = t.slice(1).split('/');
  for (const [i, s] of segs.entries()) {
    if (s === '') return 'The path has an empty segment (//).';
    if (s === '.' || s === '..') return 'The path must not have . or .. segments.';
    if (s === '*') {
      if (i !== segs.length - 1) return '* (any sub-path) may only be the last segment.';
      continue;
    }
    if (s.includes('{') || s.includes('}')) {
      const m = param.exec(s);
      if (!m) return `Segment ${s} must be a whole parameter like {id}.`;
      const name = m[1] ?? '';
      if (names.has(name)) return `The parameter {${name}} is named twice.`;
      names.add(name);
      continue;
    }
    if (s.includes('%')) return 'The path must not be percent-encoded.';
    if (!literal.test(s)) return `Segment ${s} has characters a path template may not hold.`;
  }
  return null;
}

/**
 * Adds a resource to an API: a method and a path template under its context. A new resource
 * requires a token unless the publisher clears "Requires a token". onAdd says whether it was
 * added; the server's field errors (method, target) come back in serverErrors.
 */
export function AddResourceForm({
  onAdd,
  busy,
  serverErrors,
}: {
  onAdd: (r: NewResource) => Promise<boolean>;
  busy?: boolean;
  serverErrors?: Record<string, string>;
}) {
  const [method, setMethod] = useState('GET');
  const [target, setTarget] = useState('');
  const [auth, setAuth] = useState(true);
  const [pathError, setPathError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const err = pathTemplateError(target);
    setPathError(err);
    if (err) return;
    if (await onAdd({ method, target: target.trim(), authRequired: auth })) setTarget('');
  }
  const targetError = pathError ?? serverErrors?.target ?? null;
  return (
    <form className="form inline" onSubmit={submit} aria-label="Add resource" noValidate>
      <FormField id="new-resource-method" name="method" label="Method" error={serverErrors?.method}>
        {(a) => (
          <select {...a} value={method} onChange={(e) => setMethod(e.target.value)}>
            {resourceMethods.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="new-resource-target" name="target" label="Path" error={targetError ?? undefined} hint="e.g. /orders/{orderId}; a final /* takes any sub-path.">
        {(a) => <input {...a} type="text" value={target} placeholder="/orders/{orderId}" onChange={(e) => setTarget(e.target.value)} />}
      </FormField>
      <label className="check">
        <input type="checkbox" checked={auth} onChange={(e) => setAuth(e.target.checked)} /> Requires a token
      </label>
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? 'Adding…' : 'Add resource'}
      </button>
    </form>
  );
}
