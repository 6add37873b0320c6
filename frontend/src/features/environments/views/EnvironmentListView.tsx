import { useState } from 'react';
import type { CombinedError } from '@urql/core';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { QueryState } from '../../../components/QueryState';
import { errorMessage } from '../../../lib/errors';
import { EnvironmentTable } from '../components/EnvironmentTable';
import { VirtualHostsForm, type VirtualHostValue } from '../components/VirtualHostsForm';
import { setVirtualHostsMutation } from '../mutations';
import { environmentsQuery } from '../queries';

/** Server errors keyed by their full field path ("virtualHosts.1.host"); "" holds the rest. */
function fieldErrors(error: CombinedError | undefined): Record<string, string> {
  if (!error) return {};
  const out: Record<string, string> = {};
  for (const e of error.graphQLErrors) {
    const f = typeof e.extensions?.field === 'string' ? e.extensions.field : '';
    out[f] = out[f] ? `${out[f]} ${e.message}` : e.message;
  }
  if (!error.graphQLErrors.length) out[''] = errorMessage(error);
  return out;
}

export function EnvironmentListView() {
  const [{ data, fetching, error }] = useQuery({ query: environmentsQuery, requestPolicy: 'cache-and-network' });
  const [saved, save] = useMutation(setVirtualHostsMutation);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const environments = (data?.environments.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const current = environments.find((e) => e.id === editing);

  async function onSave(hosts: VirtualHostValue[]) {
    if (!current) return;
    setNotice(null);
    const res = await save({ environmentID: current.id, virtualHosts: hosts });
    if (res.data) {
      setNotice(`Saved the virtual hosts of ${current.displayName || current.name}.`);
      setEditing(null);
    }
  }

  return (
    <section className="section" aria-labelledby="environments-title">
      <h2 id="environments-title">Gateway environments</h2>
      {notice && <Banner kind="success">{notice}</Banner>}
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        <EnvironmentTable environments={environments} onEditVirtualHosts={(id) => { setNotice(null); setEditing(id); }} />
        {current && (
          <section className="section" aria-labelledby="vhosts-title">
            <h3 id="vhosts-title">Virtual hosts of {current.displayName || current.name}</h3>
            <p className="muted">
              A deployment on a virtual host answers only requests whose Host is that name; deployments on none answer any Host.
            </p>
            <VirtualHostsForm
              key={current.id}
              environment={current.name}
              initial={current.virtualHosts.map((h) => ({ host: h.host, httpPort: h.httpPort ?? null, httpsPort: h.httpsPort ?? null }))}
              onSubmit={onSave}
              errors={fieldErrors(saved.error)}
              submitting={saved.fetching}
            />
          </section>
        )}
      </QueryState>
    </section>
  );
}
