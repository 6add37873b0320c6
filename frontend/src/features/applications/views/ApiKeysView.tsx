import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { QueryState } from '../../../components/QueryState';
import { errorMessage, toFormErrors } from '../../../lib/errors';
import { ApiKeyForm, type ApiKeyFormValues } from '../components/ApiKeyForm';
import { CopyButton } from '../components/CopyButton';
import { generateApiKeyMutation, revokeApiKeyMutation } from '../mutations';
import { applicationApiKeysQuery } from '../queries';

function keyState(k: { revokedAt?: unknown; expiresAt: unknown }, now: number): string {
  if (k.revokedAt) {
    const at = new Date(k.revokedAt as string);
    return at.getTime() > now ? `Stops ${at.toLocaleString()}` : 'Revoked';
  }
  return new Date(k.expiresAt as string).getTime() <= now ? 'Expired' : 'Active';
}

/**
 * An application's API keys: signed keys sent in the apikey header. A new key is shown once,
 * from the mutation result, and kept only in this component's state.
 */
export function ApiKeysView({ applicationID }: { applicationID: string }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: applicationApiKeysQuery, variables: { id: applicationID }, requestPolicy: 'cache-and-network' });
  const [genState, generate] = useMutation(generateApiKeyMutation);
  const [revokeState, revoke] = useMutation(revokeApiKeyMutation);
  const [issued, setIssued] = useState<string | null>(null);
  const keys = data?.applications.edges?.[0]?.node?.apiKeys ?? [];
  const now = Date.now();
  const active = keys.filter((k) => keyState(k, now) === 'Active');
  const label = (k: { name: string; keyType: string; createdAt: unknown }) =>
    `${k.name || 'Unnamed'} (${k.keyType.toLowerCase()}, ${new Date(k.createdAt as string).toLocaleDateString()})`;

  async function onGenerate(v: ApiKeyFormValues) {
    setIssued(null);
    const r = await generate({ input: { applicationID, ...v, name: v.name || null } });
    if (r.data) {
      setIssued(r.data.generateAPIKey.key);
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <section className="section" aria-labelledby="apikeys-title">
      <h2 id="apikeys-title">API keys</h2>
      <p className="muted">
        Self-contained keys for calling the application's APIs: send one in the <code>apikey</code> header.
      </p>
      {issued && (
        <Banner kind="success">
          <span>Copy the API key now; it is not shown again.</span>
          <code className="secret" aria-label="New API key">
            {issued}
          </code>
          <CopyButton text={issued} label="API key" />
        </Banner>
      )}
      {revokeState.error && <Banner>{errorMessage(revokeState.error)}</Banner>}
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        {keys.length > 0 && (
          <table className="table" aria-label="API keys">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Restrictions</th>
                <th scope="col">Expires</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span className="muted">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => {
                const state = keyState(k, now);
                return (
                  <tr key={k.id}>
                    <td>{k.name || <span className="muted">Unnamed</span>}</td>
                    <td>{k.keyType}</td>
                    <td>{[...k.allowedIPs, ...k.allowedReferers].join(', ') || <span className="muted">None</span>}</td>
                    <td>{new Date(k.expiresAt as string).toLocaleDateString()}</td>
                    <td>{state}</td>
                    <td>
                      {state !== 'Revoked' && state !== 'Expired' && (
                        <button
                          type="button"
                          className="button danger"
                          disabled={revokeState.fetching}
                          onClick={() => void revoke({ id: k.id, graceSeconds: 0 }).then(() => refetch({ requestPolicy: 'network-only' }))}
                          aria-label={`Revoke ${label(k)}`}
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </QueryState>
      <ApiKeyForm
        replaceable={active.map((k) => ({ id: k.id, label: label(k) }))}
        onSubmit={(v) => void onGenerate(v)}
        errors={toFormErrors(genState.error)}
        submitting={genState.fetching}
      />
    </section>
  );
}
