import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { FormErrors } from '../../../lib/errors';
import { curlCommand } from '../gateway';
import { CopyButton } from './CopyButton';
import '../applications.css';

export interface AccessTokenValues {
  scopes: string[];
  /** Null: the server's lifespan. */
  validitySeconds: number | null;
}

export interface AccessTokenPanelProps {
  /** Prefix of the element ids (one panel per key type). */
  idPrefix: string;
  onGenerate: (values: AccessTokenValues) => void;
  generating: boolean;
  errors: FormErrors;
  /** The token the mutation just returned; never stored. */
  token: { accessToken: string; expiresAt: string; scopes: string[] } | null;
  /** The gateway URL the ready-made curl command calls, or null without a deployed subscription. */
  curlUrl: string | null;
}

/** Issues an access token for testing and shows it with a curl command that uses it. */
export function AccessTokenPanel({ idPrefix, onGenerate, generating, errors, token, curlUrl }: AccessTokenPanelProps) {
  const [scopes, setScopes] = useState('');
  const [validity, setValidity] = useState('3600');
  const [invalid, setInvalid] = useState<string | undefined>();

  function submit(e: FormEvent) {
    e.preventDefault();
    const v = validity.trim();
    if (v && !/^\d+$/.test(v)) {
      setInvalid('A whole number of seconds.');
      return;
    }
    setInvalid(undefined);
    onGenerate({ scopes: scopes.split(/[\s,]+/).filter(Boolean), validitySeconds: v ? Number(v) : null });
  }

  const curl = token && curlUrl ? curlCommand(token.accessToken, curlUrl) : null;
  return (
    <div aria-labelledby={`${idPrefix}-token-title`} role="group">
      <h3 id={`${idPrefix}-token-title`}>Access token for testing</h3>
      <form className="form" onSubmit={submit} noValidate aria-label="Generate access token">
        {errors.banner && <Banner>{errors.banner}</Banner>}
        <div className="form-row">
          <FormField id={`${idPrefix}-scopes`} name="scopes" label="Scopes" hint="Space-separated; empty for none." error={errors.fields.scopes}>
            {(a) => <input {...a} type="text" value={scopes} onChange={(e) => setScopes(e.target.value)} autoComplete="off" />}
          </FormField>
          <FormField id={`${idPrefix}-validity`} name="validitySeconds" label="Validity (seconds)" error={invalid ?? errors.fields.validitySeconds}>
            {(a) => <input {...a} type="text" inputMode="numeric" value={validity} onChange={(e) => setValidity(e.target.value)} autoComplete="off" />}
          </FormField>
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={generating}>
            {generating ? 'Generating…' : 'Generate access token'}
          </button>
        </div>
      </form>
      {token && (
        <div className="token-result">
          <label htmlFor={`${idPrefix}-access-token`}>Access token</label>
          <div className="copyable">
            <textarea id={`${idPrefix}-access-token`} readOnly rows={3} value={token.accessToken} data-testid="access-token" />
            <CopyButton text={token.accessToken} label="access token" />
          </div>
          <p className="muted">
            Expires {new Date(token.expiresAt).toLocaleString()}; scopes: {token.scopes.length ? token.scopes.join(' ') : 'none'}.
          </p>
          {curl ? (
            <>
              <label htmlFor={`${idPrefix}-curl`}>Try it with curl</label>
              <div className="copyable">
                <textarea id={`${idPrefix}-curl`} readOnly rows={3} value={curl} data-testid="curl-command" />
                <CopyButton text={curl} label="curl command" />
              </div>
            </>
          ) : (
            <p className="muted">Subscribe this application to a deployed API for a ready-made curl command.</p>
          )}
        </div>
      )}
    </div>
  );
}
