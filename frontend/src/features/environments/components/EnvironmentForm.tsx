import { useState, type FormEvent } from 'react';

export type EnvironmentKind = 'PRODUCTION' | 'SANDBOX';

export interface EnvironmentDraft {
  name: string;
  displayName: string;
  description: string;
  gatewayURL: string;
  httpsURL: string;
  wsURL: string;
  type: EnvironmentKind;
}

export const emptyEnvironment: EnvironmentDraft = {
  name: '',
  displayName: '',
  description: '',
  gatewayURL: '',
  httpsURL: '',
  wsURL: '',
  type: 'PRODUCTION',
};

// The same rules as the server (apis.validateEnvironment), checked here so
// a typo is named before the round trip.
const slug = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

function checkURL(value: string, schemes: string[]): string | undefined {
  if (!value) return undefined;
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return 'Enter an absolute URL, e.g. https://gw.example.com.';
  }
  if (!schemes.includes(u.protocol.replace(/:$/, ''))) return `The URL must start with ${schemes.map((s) => `${s}://`).join(' or ')}.`;
  if (u.username || u.password || u.search || u.hash) return 'The URL may not carry credentials, a query or a fragment.';
  return undefined;
}

/** validateEnvironment returns the errors of d keyed by input field. */
export function validateEnvironment(d: EnvironmentDraft, creating: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (creating && !slug.test(d.name.trim())) out.name = 'Use 1 to 63 lower-case letters, digits and dashes, not starting or ending with a dash.';
  if (d.displayName.trim().length > 100) out.displayName = 'At most 100 characters.';
  if (d.description.length > 2000) out.description = 'At most 2000 characters.';
  const checks: [keyof EnvironmentDraft, string[]][] = [
    ['gatewayURL', ['http', 'https']],
    ['httpsURL', ['https']],
    ['wsURL', ['ws', 'wss']],
  ];
  for (const [field, schemes] of checks) {
    const e = checkURL(d[field].trim(), schemes);
    if (e) out[field] = e;
  }
  return out;
}

interface Props {
  initial: EnvironmentDraft;
  /** Editing: the name is shown but immutable. */
  creating: boolean;
  onSubmit: (d: EnvironmentDraft) => void;
  onCancel?: () => void;
  /** Server errors keyed by input field ("" for the rest). */
  errors: Record<string, string>;
  submitting?: boolean;
}

export function EnvironmentForm({ initial, creating, onSubmit, onCancel, errors, submitting }: Props) {
  const [d, setD] = useState<EnvironmentDraft>(initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const shown = { ...errors, ...local };
  const set = (k: keyof EnvironmentDraft) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = validateEnvironment(d, creating);
    setLocal(found);
    if (Object.keys(found).length) return;
    onSubmit({ ...d, name: d.name.trim(), gatewayURL: d.gatewayURL.trim(), httpsURL: d.httpsURL.trim(), wsURL: d.wsURL.trim() });
  }

  const field = (k: keyof EnvironmentDraft, label: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`env-${k}`}>{label}</label>
      <input
        id={`env-${k}`}
        value={d[k]}
        onChange={set(k)}
        disabled={k === 'name' && !creating}
        aria-invalid={shown[k] ? true : undefined}
        aria-describedby={shown[k] ? `env-${k}-error` : hint ? `env-${k}-hint` : undefined}
      />
      {shown[k] ? (
        <p id={`env-${k}-error`} className="field-error">
          {shown[k]}
        </p>
      ) : (
        hint && (
          <p id={`env-${k}-hint`} className="muted">
            {hint}
          </p>
        )
      )}
    </div>
  );

  return (
    <form onSubmit={submit} noValidate aria-label={creating ? 'New environment' : `Edit environment ${initial.name}`}>
      {shown[''] && (
        <p role="alert" className="field-error">
          {shown['']}
        </p>
      )}
      {field('name', 'Name', creating ? 'A slug, e.g. staging; it cannot change later.' : 'The name cannot change.')}
      {field('displayName', 'Display name')}
      {field('description', 'Description')}
      {field('gatewayURL', 'HTTP gateway URL', 'What invocation URLs and the try-it console use.')}
      {field('httpsURL', 'HTTPS gateway URL')}
      {field('wsURL', 'WebSocket gateway URL')}
      <div className="field">
        <label htmlFor="env-type">Type</label>
        <select id="env-type" value={d.type} onChange={(e) => setD({ ...d, type: e.target.value as EnvironmentKind })}>
          <option value="PRODUCTION">Production (production and sandbox keys)</option>
          <option value="SANDBOX">Sandbox only (sandbox keys only)</option>
        </select>
      </div>
      <button type="submit" className="button primary" disabled={submitting}>
        {creating ? 'Create environment' : 'Save environment'}
      </button>{' '}
      {onCancel && (
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </form>
  );
}
