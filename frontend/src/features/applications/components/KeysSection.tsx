import { useState, type FormEvent, type ReactNode } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { ApplicationKeyKeyType } from '../../../gql/graphql';
import type { FormErrors } from '../../../lib/errors';
import { CopyButton } from './CopyButton';
import '../applications.css';

export const grantTypeChoices = [
  { value: 'client_credentials', label: 'Client credentials' },
  { value: 'authorization_code', label: 'Authorization code (with PKCE)' },
  { value: 'refresh_token', label: 'Refresh token' },
  { value: 'password', label: 'Password (legacy; avoid)' },
  { value: 'urn:ietf:params:oauth:grant-type:jwt-bearer', label: 'JWT bearer (RFC 7523)' },
] as const;

export interface GenerateKeysValues {
  grantTypes: string[];
  callbackURL: string;
}

export interface KeysSectionProps {
  keyType: ApplicationKeyKeyType;
  /** The stored key (no secret: the server keeps only its digest), or null before generation. */
  appKey: { clientID: string; grantTypes?: string[] | null; callbackURL?: string; previousSecretExpiresAt?: unknown } | null;
  /**
   * The secret from the generate/regenerate mutation just made, or null. It is never
   * read back from the server, so it is gone once the page is left or reloaded.
   */
  secret: string | null;
  onGenerate: (values: GenerateKeysValues) => void;
  generating: boolean;
  generateErrors: FormErrors;
  /** Regenerates the secret; the old one keeps working for graceSeconds (0: stops at once). */
  onRegenerate: (graceSeconds: number) => void;
  regenerating: boolean;
  regenerateError: string | null;
  /** Members of a group the application is shared with see the keys but cannot make or regenerate them. */
  canManage?: boolean;
  /** The access-token panel, shown once there is a key. */
  children?: ReactNode;
}

const titles: Record<ApplicationKeyKeyType, string> = { PRODUCTION: 'Production keys', SANDBOX: 'Sandbox keys' };

/** One key type of an application: generate keys, the consumer key, the one-time secret. */
export function KeysSection(props: KeysSectionProps) {
  const { keyType, appKey, secret, children } = props;
  const p = keyType.toLowerCase();
  return (
    <section className="section panel" aria-labelledby={`${p}-keys-title`}>
      <h2 id={`${p}-keys-title`}>{titles[keyType]}</h2>
      {!appKey ? (
        props.canManage === false ? (
          <p className="muted">No {keyType.toLowerCase()} keys yet; the application's owner generates them.</p>
        ) : (
          <GenerateKeysForm {...props} />
        )
      ) : (
        <>
          <dl className="details">
            <dt>Consumer key</dt>
            <dd data-testid={`${p}-consumer-key`}>
              <code>{appKey.clientID}</code>
            </dd>
            <dt>Grant types</dt>
            <dd>{appKey.grantTypes?.length ? appKey.grantTypes.join(', ') : <span className="muted">none</span>}</dd>
            {appKey.callbackURL && (
              <>
                <dt>Callback URL</dt>
                <dd>
                  <code>{appKey.callbackURL}</code>
                </dd>
              </>
            )}
          </dl>
          {props.regenerateError && <Banner>{props.regenerateError}</Banner>}
          {secret ? (
            <SecretOnce id={`${p}-secret`} secret={secret} />
          ) : (
            <p className="muted">The consumer secret was shown once, when it was generated. Lost it? Regenerate it.</p>
          )}
          <PreviousSecret until={appKey.previousSecretExpiresAt} testId={`${p}-previous-secret`} />
          {props.canManage !== false && <RegenerateForm idPrefix={p} onRegenerate={props.onRegenerate} regenerating={props.regenerating} />}
          {children}
        </>
      )}
    </section>
  );
}

/** Grace periods offered when regenerating a secret; custom is in hours, up to 30 days. */
export const graceChoices = [
  { value: '0', label: 'Immediately (the old secret stops now)' },
  { value: '3600', label: 'After 1 hour' },
  { value: '86400', label: 'After 24 hours' },
  { value: '604800', label: 'After 7 days' },
  { value: 'custom', label: 'Custom…' },
] as const;

export const maxGraceHours = 30 * 24;

function RegenerateForm({ idPrefix, onRegenerate, regenerating }: { idPrefix: string; onRegenerate: (graceSeconds: number) => void; regenerating: boolean }) {
  const [choice, setChoice] = useState<string>('0');
  const [hours, setHours] = useState('48');
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    let grace = Number(choice);
    if (choice === 'custom') {
      const h = Number(hours);
      if (!Number.isInteger(h) || h < 1 || h > maxGraceHours) {
        setError(`Enter whole hours from 1 to ${maxGraceHours} (30 days).`);
        return;
      }
      grace = h * 3600;
    }
    setError(null);
    onRegenerate(grace);
  }

  return (
    <form className="form regenerate-form" onSubmit={submit} noValidate aria-label={`Regenerate ${idPrefix} secret`}>
      <FormField id={`${idPrefix}-grace`} name="grace" label="Old secret stops working" hint="Zero-downtime rotation: the new secret works at once; the old one keeps working until the end of the grace period.">
        {(a) => (
          <select {...a} value={choice} onChange={(e) => setChoice(e.target.value)}>
            {graceChoices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {choice === 'custom' && (
        <FormField id={`${idPrefix}-grace-hours`} name="graceHours" label="Grace period (hours)" error={error ?? undefined}>
          {(a) => <input {...a} type="number" min={1} max={maxGraceHours} value={hours} onChange={(e) => setHours(e.target.value)} />}
        </FormField>
      )}
      <div className="form-actions">
        <button type="submit" className="button" disabled={regenerating}>
          {regenerating ? 'Regenerating…' : 'Regenerate secret'}
        </button>
      </div>
    </form>
  );
}

/** Tells until when the secret a regeneration replaced keeps working, while it does. */
export function PreviousSecret({ until, testId, now = new Date() }: { until: unknown; testId: string; now?: Date }) {
  if (typeof until !== 'string') return null;
  const at = new Date(until);
  if (Number.isNaN(at.getTime()) || at <= now) return null;
  return (
    <p className="notice" data-testid={testId}>
      The old secret is valid until {at.toLocaleString()}; move your clients to the new one before then.
    </p>
  );
}

function SecretOnce({ id, secret }: { id: string; secret: string }) {
  return (
    <div className="secret" role="status">
      <p>
        <strong>Copy the consumer secret now.</strong> It is shown only this once: Gatehouse keeps only a digest of it.
      </p>
      <label htmlFor={id}>Consumer secret</label>
      <div className="copyable">
        <input id={id} type="text" readOnly value={secret} onFocus={(e) => e.target.select()} />
        <CopyButton text={secret} label="consumer secret" />
      </div>
    </div>
  );
}

function GenerateKeysForm({ keyType, onGenerate, generating, generateErrors }: KeysSectionProps) {
  const p = keyType.toLowerCase();
  const [grantTypes, setGrantTypes] = useState<string[]>(['client_credentials']);
  const [callbackURL, setCallbackURL] = useState('');

  function toggle(value: string, on: boolean) {
    setGrantTypes((g) => (on ? [...g, value] : g.filter((v) => v !== value)));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    // Keep the order of the choices, whatever the order of the clicks.
    const ordered = grantTypeChoices.map((c) => c.value).filter((v) => grantTypes.includes(v));
    onGenerate({ grantTypes: ordered, callbackURL: callbackURL.trim() });
  }

  const grantError = generateErrors.fields.grantTypes;
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={`Generate ${keyType.toLowerCase()} keys`}>
      {generateErrors.banner && <Banner>{generateErrors.banner}</Banner>}
      {generateErrors.fields.keyType && <Banner>{generateErrors.fields.keyType}</Banner>}
      <fieldset className={grantError ? 'choice field invalid' : 'choice'} aria-describedby={grantError ? `${p}-grant-types-error` : undefined}>
        <legend>Grant types</legend>
        {grantTypeChoices.map((c) => (
          <label key={c.value}>
            <input type="checkbox" name="grantTypes" value={c.value} checked={grantTypes.includes(c.value)} onChange={(e) => toggle(c.value, e.target.checked)} />
            {c.label} <code>{c.value}</code>
          </label>
        ))}
      </fieldset>
      {grantError && (
        <p className="field-error" id={`${p}-grant-types-error`} data-testid="field-error-grantTypes">
          {grantError}
        </p>
      )}
      <FormField id={`${p}-callback-url`} name="callbackURL" label="Callback URL" hint="Needed for the authorization code grant: https, or http on localhost. Registered exactly." error={generateErrors.fields.callbackURL}>
        {(a) => <input {...a} type="url" value={callbackURL} onChange={(e) => setCallbackURL(e.target.value)} autoComplete="off" />}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={generating}>
          {generating ? 'Generating…' : 'Generate keys'}
        </button>
      </div>
    </form>
  );
}
