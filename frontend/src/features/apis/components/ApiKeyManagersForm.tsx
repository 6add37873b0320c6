import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { QueryState } from '../../../components/QueryState';
import { errorMessage } from '../../../lib/errors';
import { setApiKeyManagersMutation } from '../mutations';
import { apiKeyManagersQuery } from '../queries';

/** The id the server uses for Gatehouse's own Key Manager. */
export const builtInKeyManager = 'built-in';

/** "Key managers": whose access tokens the gateway accepts for this API. */
export function ApiKeyManagersSection({ apiID }: { apiID: string }) {
  const [{ data, fetching, error }] = useQuery({ query: apiKeyManagersQuery, variables: { id: apiID }, requestPolicy: 'cache-and-network' });
  return (
    <section className="section" aria-labelledby="key-managers-title">
      <h2 id="key-managers-title">Key managers</h2>
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        {data && (
          <ApiKeyManagersForm
            key={data.apiKeyManagers.join(',')}
            apiID={apiID}
            chosen={data.apiKeyManagers}
            available={data.keyManagers.map((k) => ({ id: k.id, name: k.name, enabled: k.enabled }))}
          />
        )}
      </QueryState>
    </section>
  );
}

export interface ApiKeyManagersFormProps {
  apiID: string;
  chosen: string[];
  available: { id: string; name: string; enabled: boolean }[];
}

export function ApiKeyManagersForm({ apiID, chosen, available }: ApiKeyManagersFormProps) {
  const [picked, setPicked] = useState<string[]>(chosen);
  const [saved, save] = useMutation(setApiKeyManagersMutation);
  const [notice, setNotice] = useState<string | null>(null);
  const options = [{ id: builtInKeyManager, name: 'Gatehouse Key Manager (built-in)', enabled: true }, ...available];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    const res = await save({ apiID, keyManagers: picked });
    if (!res.error) setNotice('Key managers saved. Deploy a new revision to apply them at the gateway.');
  }
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="Key managers" noValidate>
      {saved.error && <Banner>{errorMessage(saved.error)}</Banner>}
      {notice && <Banner kind="success">{notice}</Banner>}
      <p className="muted">The gateway accepts access tokens from the key managers chosen here (at least one).</p>
      {options.map((o) => (
        <label key={o.id} className="check">
          <input
            type="checkbox"
            checked={picked.includes(o.id)}
            onChange={(e) => setPicked((p) => (e.target.checked ? [...p, o.id] : p.filter((x) => x !== o.id)))}
          />{' '}
          {o.name}
          {!o.enabled && <span className="muted"> (disabled)</span>}
        </label>
      ))}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={saved.fetching || picked.length === 0}>
          Save key managers
        </button>
      </div>
    </form>
  );
}
