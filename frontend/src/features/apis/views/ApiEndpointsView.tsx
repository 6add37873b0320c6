import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { ApiKeyManagersSection } from '../components/ApiKeyManagersForm';
import { ApiPage } from '../components/ApiPage';
import { EndpointGroupForm, endpointInputOf, endpointValuesOf, type EndpointGroupValues, type StoredEndpointConfig } from '../components/EndpointGroupForm';
import { GatewaySecurityForm, type StoredGatewaySecurity } from '../components/GatewaySecurityForm';
import { toFormErrors } from '../../../lib/errors';
import type { ApiGatewaySecurityInput } from '../../../gql/graphql';
import { updateApiEndpointsMutation, updateApiGatewaySecurityMutation } from '../mutations';
import { apiEndpointsQuery } from '../queries';

/** "Endpoints": where the gateway sends production and sandbox calls, and its runtime security (mutual TLS, backend JWT). */
export function ApiEndpointsView() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: apiEndpointsQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const api = data?.apis.edges?.[0]?.node ?? null;
  // Kept here: a save changes updatedAt, which remounts the form.
  const [notice, setNotice] = useState<string | null>(null);
  const [security, saveSecurity] = useMutation(updateApiGatewaySecurityMutation);
  async function onSecurity(input: ApiGatewaySecurityInput) {
    setNotice(null);
    const res = await saveSecurity({ id, input });
    if (!res.error) setNotice('Gateway security saved. Deploy a new revision to apply it at the gateway.');
  }
  return (
    <ApiPage id={id} api={api} fetching={fetching} error={error} hasData={Boolean(data)}>
      {(api) => (
        <>
          {notice && <Banner kind="success">{notice}</Banner>}
          <EndpointsForm
            key={`${api.id}-${api.updatedAt}`}
            id={id}
            production={api.endpoints.production as StoredEndpointConfig}
            sandbox={(api.endpoints.sandbox ?? null) as StoredEndpointConfig | null}
            onSaved={setNotice}
          />
          <section className="section" aria-labelledby="security-title">
            <h2 id="security-title">Gateway security</h2>
            <GatewaySecurityForm
              key={`${api.id}-${api.updatedAt}-security`}
              initial={api as StoredGatewaySecurity}
              onSubmit={onSecurity}
              errors={toFormErrors(security.error)}
              submitting={security.fetching}
            />
          </section>
          <ApiKeyManagersSection apiID={id} />
        </>
      )}
    </ApiPage>
  );
}

interface EndpointsFormProps {
  id: string;
  production: StoredEndpointConfig;
  sandbox: StoredEndpointConfig | null;
  onSaved: (notice: string | null) => void;
}

export function EndpointsForm({ id, production, sandbox, onSaved }: EndpointsFormProps) {
  const [saved, save] = useMutation(updateApiEndpointsMutation);
  const [prod, setProd] = useState<EndpointGroupValues>(endpointValuesOf(production));
  const [hasSandbox, setHasSandbox] = useState(sandbox !== null);
  const [sb, setSb] = useState<EndpointGroupValues>(endpointValuesOf(sandbox));

  const fieldErrors: Record<string, string> = {};
  const other: string[] = [];
  for (const e of saved.error?.graphQLErrors ?? []) {
    const f = e.extensions?.field;
    if (typeof f === 'string' && f) fieldErrors[f] = e.message;
    else other.push(e.message);
  }
  if (saved.error?.networkError) other.push('The server could not be reached.');

  async function submit(e: FormEvent) {
    e.preventDefault();
    onSaved(null);
    const res = await save({ id, input: { production: endpointInputOf(prod), sandbox: hasSandbox ? endpointInputOf(sb) : null } });
    if (!res.error) onSaved('Endpoints saved. Deploy a new revision to apply them at the gateway.');
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Endpoints">
      {other.length > 0 && <Banner>{other.join(' ')}</Banner>}
      <section className="section" aria-labelledby="production-title">
        <h2 id="production-title">Production</h2>
        <EndpointGroupForm prefix="production" values={prod} onChange={setProd} errors={fieldErrors} />
      </section>
      <section className="section" aria-labelledby="sandbox-title">
        <h2 id="sandbox-title">Sandbox</h2>
        <label className="check">
          <input type="checkbox" checked={hasSandbox} onChange={(e) => setHasSandbox(e.target.checked)} /> Sandbox endpoint (without one, sandbox keys are refused)
        </label>
        {hasSandbox && <EndpointGroupForm prefix="sandbox" values={sb} onChange={setSb} errors={fieldErrors} />}
      </section>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={saved.fetching}>
          {saved.fetching ? 'Saving…' : 'Save endpoints'}
        </button>
      </div>
    </form>
  );
}
