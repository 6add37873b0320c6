import type { EndpointAuthType, EndpointConfigInput, EndpointType } from '../../../gql/graphql';
import { joinList, splitList } from './lists';

/** What the form edits of one endpoint group; secrets start empty (write-only). */
export interface EndpointGroupValues {
  type: EndpointType;
  urls: string;
  timeoutMs: string;
  retries: string;
  authType: '' | EndpointAuthType;
  username: string;
  password: string;
  tokenURL: string;
  clientID: string;
  clientSecret: string;
  scopes: string;
  hasSecret: boolean;
  /** Circuit breaker; "0" or empty: the gateway's defaults. */
  breakerFailures: string;
  breakerCooldownMs: string;
}

export interface StoredEndpointConfig {
  type: EndpointType;
  urls: string[];
  timeoutMs: number;
  retries: number;
  auth?: {
    type: EndpointAuthType;
    username?: string | null;
    tokenURL?: string | null;
    clientID?: string | null;
    scopes: string[];
    hasSecret: boolean;
  } | null;
  breaker?: { failures: number; cooldownMs: number } | null;
}

export function endpointValuesOf(c: StoredEndpointConfig | null | undefined): EndpointGroupValues {
  return {
    type: c?.type ?? 'SINGLE',
    urls: (c?.urls ?? []).join('\n'),
    timeoutMs: String(c?.timeoutMs ?? 0),
    retries: String(c?.retries ?? 0),
    authType: c?.auth?.type ?? '',
    username: c?.auth?.username ?? '',
    password: '',
    tokenURL: c?.auth?.tokenURL ?? '',
    clientID: c?.auth?.clientID ?? '',
    clientSecret: '',
    scopes: joinList(c?.auth?.scopes),
    hasSecret: Boolean(c?.auth?.hasSecret),
    breakerFailures: String(c?.breaker?.failures ?? 0),
    breakerCooldownMs: String(c?.breaker?.cooldownMs ?? 0),
  };
}

/** The mutation input of v; empty secrets are omitted so the stored ones stay. */
export function endpointInputOf(v: EndpointGroupValues): EndpointConfigInput {
  const urls = v.urls
    .split(/[\n,]/)
    .map((u) => u.trim())
    .filter(Boolean);
  const input: EndpointConfigInput = {
    type: v.type,
    urls,
    timeoutMs: Number.parseInt(v.timeoutMs, 10) || 0,
    retries: Number.parseInt(v.retries, 10) || 0,
    auth: null,
  };
  const failures = Number.parseInt(v.breakerFailures, 10) || 0;
  const cooldownMs = Number.parseInt(v.breakerCooldownMs, 10) || 0;
  input.breaker = failures || cooldownMs ? { failures, cooldownMs } : null;
  if (v.authType === 'BASIC') {
    input.auth = { type: 'BASIC', username: v.username.trim(), ...(v.password ? { password: v.password } : {}) };
  } else if (v.authType === 'OAUTH2_CLIENT_CREDENTIALS') {
    input.auth = {
      type: 'OAUTH2_CLIENT_CREDENTIALS',
      tokenURL: v.tokenURL.trim(),
      clientID: v.clientID.trim(),
      scopes: splitList(v.scopes),
      ...(v.clientSecret ? { clientSecret: v.clientSecret } : {}),
    };
  }
  return input;
}

export interface EndpointGroupFormProps {
  /** "production" or "sandbox": names the inputs and matches server field errors. */
  prefix: string;
  values: EndpointGroupValues;
  onChange: (v: EndpointGroupValues) => void;
  /** Errors by server field path (e.g. "production.urls.1"). */
  errors: Record<string, string>;
}

/** One endpoint group: URLs, balancing, timeout, retries and backend credentials. */
export function EndpointGroupForm({ prefix, values: v, onChange, errors }: EndpointGroupFormProps) {
  const set = (patch: Partial<EndpointGroupValues>) => onChange({ ...v, ...patch });
  const err = (name: string) =>
    Object.entries(errors)
      .filter(([k]) => k === `${prefix}.${name}` || k.startsWith(`${prefix}.${name}.`))
      .map(([, m]) => m)
      .join(' ') || undefined;
  const id = (name: string) => `${prefix}-${name}`;
  const field = (name: string, label: string, input: React.ReactNode, hint?: string) => {
    const e = err(name);
    return (
      <div className="field">
        <label htmlFor={id(name)}>{label}</label>
        {input}
        {hint && <p className="hint">{hint}</p>}
        {e && (
          <p className="field-error" role="alert">
            {e}
          </p>
        )}
      </div>
    );
  };
  const secretHint = v.hasSecret ? 'Stored; leave empty to keep it.' : undefined;
  return (
    <fieldset className="fieldset">
      {field(
        'type',
        'Endpoint type',
        <select id={id('type')} value={v.type} onChange={(e) => set({ type: e.target.value as EndpointType })}>
          <option value="SINGLE">Single URL</option>
          <option value="LOAD_BALANCED">Load balanced (round robin)</option>
          <option value="FAILOVER">Failover (in order)</option>
        </select>,
      )}
      {field(
        'urls',
        'URLs',
        <textarea id={id('urls')} rows={v.type === 'SINGLE' ? 1 : 3} value={v.urls} onChange={(e) => set({ urls: e.target.value })} />,
        'One per line.',
      )}
      {field(
        'timeoutMs',
        'Timeout (ms)',
        <input id={id('timeoutMs')} type="number" min={0} max={300000} value={v.timeoutMs} onChange={(e) => set({ timeoutMs: e.target.value })} />,
        '0: the gateway default.',
      )}
      {field(
        'retries',
        'Retries',
        <input id={id('retries')} type="number" min={0} max={5} value={v.retries} onChange={(e) => set({ retries: e.target.value })} />,
        'Only idempotent calls (GET, PUT, DELETE…) are retried.',
      )}
      {v.type !== 'SINGLE' && (
        <>
          {field(
            'breaker.failures',
            'Circuit breaker: failures',
            <input id={id('breaker.failures')} type="number" min={0} max={100} value={v.breakerFailures} onChange={(e) => set({ breakerFailures: e.target.value })} />,
            'Consecutive failures before an endpoint of the group is skipped. 0: the gateway default (5).',
          )}
          {field(
            'breaker.cooldownMs',
            'Circuit breaker: cool-down (ms)',
            <input id={id('breaker.cooldownMs')} type="number" min={0} max={600000} value={v.breakerCooldownMs} onChange={(e) => set({ breakerCooldownMs: e.target.value })} />,
            'How long a failing endpoint is skipped. 0: the gateway default (30000).',
          )}
        </>
      )}
      {field(
        'auth.type',
        'Backend authentication',
        <select id={id('auth.type')} value={v.authType} onChange={(e) => set({ authType: e.target.value as EndpointGroupValues['authType'] })}>
          <option value="">None</option>
          <option value="BASIC">Basic</option>
          <option value="OAUTH2_CLIENT_CREDENTIALS">OAuth 2.0 client credentials</option>
        </select>,
      )}
      {v.authType === 'BASIC' && (
        <>
          {field('auth.username', 'User name', <input id={id('auth.username')} type="text" value={v.username} onChange={(e) => set({ username: e.target.value })} />)}
          {field(
            'auth.password',
            'Password',
            <input id={id('auth.password')} type="password" autoComplete="new-password" value={v.password} onChange={(e) => set({ password: e.target.value })} />,
            secretHint,
          )}
        </>
      )}
      {v.authType === 'OAUTH2_CLIENT_CREDENTIALS' && (
        <>
          {field('auth.tokenUrl', 'Token URL', <input id={id('auth.tokenUrl')} type="url" value={v.tokenURL} onChange={(e) => set({ tokenURL: e.target.value })} />)}
          {field('auth.clientId', 'Client ID', <input id={id('auth.clientId')} type="text" value={v.clientID} onChange={(e) => set({ clientID: e.target.value })} />)}
          {field(
            'auth.clientSecret',
            'Client secret',
            <input id={id('auth.clientSecret')} type="password" autoComplete="new-password" value={v.clientSecret} onChange={(e) => set({ clientSecret: e.target.value })} />,
            secretHint,
          )}
          {field('auth.scopes', 'Scopes', <input id={id('auth.scopes')} type="text" value={v.scopes} onChange={(e) => set({ scopes: e.target.value })} />, 'Comma-separated.')}
        </>
      )}
    </fieldset>
  );
}
