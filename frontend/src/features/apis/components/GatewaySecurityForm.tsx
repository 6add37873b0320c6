import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { ApiGatewaySecurityInput, SecurityMode } from '../../../gql/graphql';
import type { FormErrors } from '../../../lib/errors';

/** What the API stores: mutual TLS (null: off) and the backend JWT. */
export interface StoredGatewaySecurity {
  backendJWKSPath: string;
  backendJWT: { enabled: boolean; header: string; ttlSeconds: number };
  mutualTLS?: {
    clientCert: SecurityMode;
    oauth2: SecurityMode;
    trustedCAs: string;
    certificates: { subject: string; issuer: string; notAfter: string; isCA: boolean }[];
  } | null;
}

export interface GatewaySecurityFormProps {
  initial: StoredGatewaySecurity;
  onSubmit: (v: ApiGatewaySecurityInput) => void;
  errors: FormErrors;
  submitting: boolean;
}

/** How calls authenticate, as the methods combine (WSO2's mandatory/optional schemes). */
const combinations: { value: string; label: string; clientCert: SecurityMode; oauth2: SecurityMode }[] = [
  { value: 'both', label: 'Client certificate and OAuth2 token (or API key)', clientCert: 'MANDATORY', oauth2: 'MANDATORY' },
  { value: 'cert', label: 'Client certificate alone (a token, when sent, is checked too)', clientCert: 'MANDATORY', oauth2: 'OPTIONAL' },
  { value: 'token', label: 'OAuth2 token; a client certificate, when presented, must be trusted', clientCert: 'OPTIONAL', oauth2: 'MANDATORY' },
];

/** The API's mutual TLS and backend JWT; the gateway applies them from the next deployment. */
export function GatewaySecurityForm({ initial, onSubmit, errors, submitting }: GatewaySecurityFormProps) {
  const m = initial.mutualTLS;
  const [mtls, setMtls] = useState(Boolean(m));
  const [combo, setCombo] = useState(
    combinations.find((c) => c.clientCert === m?.clientCert && c.oauth2 === m?.oauth2)?.value ?? 'both',
  );
  const [cas, setCas] = useState(m?.trustedCAs ?? '');
  const [jwt, setJwt] = useState(initial.backendJWT.enabled);
  const [header, setHeader] = useState(initial.backendJWT.header);
  const [ttl, setTtl] = useState(String(initial.backendJWT.ttlSeconds));

  function submit(e: FormEvent) {
    e.preventDefault();
    const c = combinations.find((x) => x.value === combo);
    onSubmit({
      mutualTLS: mtls ? { clientCert: c?.clientCert ?? 'MANDATORY', oauth2: c?.oauth2 ?? 'MANDATORY', trustedCAs: cas } : null,
      backendJWT: { enabled: jwt, header: header.trim(), ttlSeconds: Number.parseInt(ttl, 10) || 0 },
    });
  }
  const f = errors.fields;
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Gateway security">
      {errors.banner && <Banner>{errors.banner}</Banner>}
      <fieldset className="fieldset">
        <legend>Mutual TLS</legend>
        <label className="check">
          <input type="checkbox" checked={mtls} onChange={(e) => setMtls(e.target.checked)} /> Check client certificates (over the gateway&apos;s HTTPS port)
        </label>
        {mtls && (
          <>
            <FormField id="mtls-mode" name="clientCert" label="Callers authenticate with" error={f.clientCert ?? f.oauth2}>
              {(a) => (
                <select {...a} value={combo} onChange={(e) => setCombo(e.target.value)}>
                  {combinations.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField
              id="mtls-cas"
              name="trustedCAs"
              label="Trusted certificates (PEM)"
              hint="The CAs that issue your callers' certificates, or self-signed client certificates themselves. Never paste private keys."
              error={f.trustedCAs}
            >
              {(a) => <textarea {...a} rows={6} spellCheck={false} value={cas} onChange={(e) => setCas(e.target.value)} placeholder="-----BEGIN CERTIFICATE-----" />}
            </FormField>
            {m && m.certificates.length > 0 && (
              <ul className="plain-list" aria-label="Trusted certificates">
                {m.certificates.map((c) => (
                  <li key={c.subject + c.notAfter}>
                    {c.subject} {c.isCA ? '(CA)' : ''} — expires {new Date(c.notAfter).toLocaleDateString()}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </fieldset>
      <fieldset className="fieldset">
        <legend>Backend JWT</legend>
        <label className="check">
          <input type="checkbox" checked={jwt} onChange={(e) => setJwt(e.target.checked)} /> Send the backend a signed JWT about the caller
        </label>
        <p className="hint">
          The gateway signs it (ES256); backends verify it with the keys each gateway serves at <code>{initial.backendJWKSPath}</code>.
        </p>
        {jwt && (
          <>
            <FormField id="jwt-header" name="header" label="Header" error={f.header}>
              {(a) => <input {...a} type="text" value={header} onChange={(e) => setHeader(e.target.value)} />}
            </FormField>
            <FormField id="jwt-ttl" name="ttlSeconds" label="Lifetime (seconds)" hint="Never beyond the caller's own token." error={f.ttlSeconds}>
              {(a) => <input {...a} type="number" min={30} max={3600} value={ttl} onChange={(e) => setTtl(e.target.value)} />}
            </FormField>
          </>
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={submitting}>
          {submitting ? 'Saving…' : 'Save gateway security'}
        </button>
      </div>
    </form>
  );
}
