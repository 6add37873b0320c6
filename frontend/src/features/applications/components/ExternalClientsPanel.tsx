import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { ApplicationKeyKeyType } from '../../../gql/graphql';
import { toFormErrors } from '../../../lib/errors';
import { externalClientsQuery, mapExternalClientMutation, unmapExternalClientMutation } from '../externalClients';

/**
 * Maps client ids an application already has at a third-party key manager to this key type,
 * so that server's tokens call the APIs the application subscribes to. Hidden when the
 * organization has no third-party key managers.
 */
export function ExternalClientsPanel({ applicationID, keyType }: { applicationID: string; keyType: ApplicationKeyKeyType }) {
  const [{ data }, refetch] = useQuery({ query: externalClientsQuery, variables: { applicationID }, requestPolicy: 'cache-and-network' });
  const [mapState, mapClient] = useMutation(mapExternalClientMutation);
  const [, unmap] = useMutation(unmapExternalClientMutation);
  const [keyManagerID, setKeyManagerID] = useState('');
  const [clientID, setClientID] = useState('');
  const kms = data?.keyManagers ?? [];
  if (kms.length === 0) return null;
  const prefix = `ext-${keyType.toLowerCase()}`;
  const mappings = (data?.externalClientMappings ?? []).filter((m) => m.keyType === keyType);
  const errors = toFormErrors(mapState.error);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await mapClient({ input: { applicationID, keyManagerID: keyManagerID || (kms[0]?.id ?? ''), clientID: clientID.trim(), keyType } });
    if (r.data) {
      setClientID('');
      reload();
    }
  }

  return (
    <div className="panel" aria-label={`Third-party client ids (${keyType.toLowerCase()})`}>
      <h4>Client ids from other key managers</h4>
      {mappings.length > 0 && (
        <ul>
          {mappings.map((m) => (
            <li key={m.id}>
              <code>{m.clientID}</code> at {kms.find((k) => k.id === m.keyManagerID)?.name ?? 'a removed key manager'}{' '}
              <button type="button" className="button" onClick={() => void unmap({ id: m.id }).then(reload)}>
                Remove {m.clientID}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={`Map a client id (${keyType.toLowerCase()})`}>
        {errors.banner && <Banner>{errors.banner}</Banner>}
        <div className="form-row">
          <FormField id={`${prefix}-km`} name="keyManagerID" label="Key manager" error={errors.fields.keyManagerID}>
            {(a) => (
              <select {...a} value={keyManagerID || (kms[0]?.id ?? '')} onChange={(e) => setKeyManagerID(e.target.value)}>
                {kms.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id={`${prefix}-client`} name="clientID" label="Client ID" error={errors.fields.clientID}>
            {(a) => <input {...a} value={clientID} onChange={(e) => setClientID(e.target.value)} />}
          </FormField>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={mapState.fetching}>
            Map client id
          </button>
        </div>
      </form>
    </div>
  );
}
