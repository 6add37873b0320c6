import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import type { ApplicationKeyKeyType } from '../../../gql/graphql';
import { errorMessage } from '../../../lib/errors';
import { CopyButton } from '../components/CopyButton';
import { generateAccessTokenMutation } from '../mutations';
import { consoleApplicationsQuery } from '../queries';

export interface ConsoleTokenPickerProps {
  apiID: string;
  /** Called with each new token; the console sends it as a bearer token. */
  onToken: (token: string) => void;
}

/** Which key types a subscription in this status may call with (PROD_ONLY_BLOCKED leaves sandbox). */
function usableKeyTypes(status: string): ApplicationKeyKeyType[] {
  if (status === 'UNBLOCKED') return ['PRODUCTION', 'SANDBOX'];
  if (status === 'PROD_ONLY_BLOCKED') return ['SANDBOX'];
  return [];
}

/**
 * Picks one of the viewer's applications subscribed to the API and a key type, and generates a
 * short-lived test token for the console through generateAccessToken.
 */
export function ConsoleTokenPickerView({ apiID, onToken }: ConsoleTokenPickerProps) {
  const [{ data, fetching, error }] = useQuery({ query: consoleApplicationsQuery, requestPolicy: 'cache-and-network' });
  const [gen, generate] = useMutation(generateAccessTokenMutation);
  const [appID, setAppID] = useState('');
  const [keyType, setKeyType] = useState<ApplicationKeyKeyType>('PRODUCTION');
  const [token, setToken] = useState<string | null>(null);

  const candidates = (data?.applications.edges ?? []).flatMap((e) => {
    const app = e?.node;
    if (!app) return [];
    const sub = (app.subscriptions ?? []).find((s) => s.api.id === apiID);
    if (!sub) return [];
    const keyTypes = usableKeyTypes(sub.status).filter((k) => (app.keys ?? []).some((key) => key.keyType === k));
    return keyTypes.length ? [{ id: app.id, name: app.name, keyTypes }] : [];
  });
  const app = candidates.find((c) => c.id === appID) ?? candidates[0];
  const type = app?.keyTypes.includes(keyType) ? keyType : app?.keyTypes[0];

  if (error) return <Banner>{errorMessage(error)}</Banner>;
  if (fetching && !data) return <p className="muted">Loading your applications…</p>;
  if (!app || !type) {
    return <p className="empty">None of your applications can call this API yet: subscribe one and generate its keys, then come back.</p>;
  }

  async function submit() {
    if (!app || !type) return;
    const res = await generate({ input: { applicationID: app.id, keyType: type, validitySeconds: 3600 } });
    const t = res.data?.generateAccessToken.accessToken;
    if (t) {
      setToken(t);
      onToken(t);
    }
  }

  return (
    <form
      className="form console-token"
      aria-label="Console token"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {gen.error && <Banner>{errorMessage(gen.error)}</Banner>}
      <div className="form-row">
        <label>
          Application{' '}
          <select value={app.id} onChange={(e) => setAppID(e.target.value)}>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Keys{' '}
          <select value={type} onChange={(e) => setKeyType(e.target.value as ApplicationKeyKeyType)}>
            {app.keyTypes.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button primary" disabled={gen.fetching}>
          {gen.fetching ? 'Generating…' : 'Generate test token'}
        </button>
      </div>
      {token && (
        <p>
          <label htmlFor="console-token">Token in use (valid 1 hour)</label>{' '}
          <input id="console-token" readOnly value={token} className="mono" size={40} /> <CopyButton text={token} label="Copy token" />
        </p>
      )}
    </form>
  );
}
