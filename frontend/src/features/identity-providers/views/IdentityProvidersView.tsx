import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { ConfirmDelete } from '../../../components/ConfirmDelete';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import type { IdentityProviderInput } from '../../../gql/graphql';
import { toFormErrors } from '../../../lib/errors';
import { emptyIdentityProvider, IdentityProviderForm, type IdentityProviderValues } from '../components/IdentityProviderForm';
import { createIdentityProviderMutation, deleteIdentityProviderMutation, updateIdentityProviderMutation } from '../mutations';
import { identityProvidersQuery } from '../queries';

function toInput(v: IdentityProviderValues): IdentityProviderInput {
  return {
    name: v.name.trim(),
    issuer: v.issuer.trim(),
    clientID: v.clientID.trim(),
    clientSecret: v.clientSecret === '' ? null : v.clientSecret,
    scopes: v.scopes.split(/\s+/).filter(Boolean),
    roleMappings: v.roleMappings.map((m) => ({ claim: m.claim.trim(), value: m.value.trim(), role: m.role })),
    jitProvisioning: v.jitProvisioning,
    enabled: v.enabled,
  };
}

/** /admin/identity-providers: external OpenID Connect providers users sign in with. */
export function IdentityProvidersView() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: identityProvidersQuery, requestPolicy: 'cache-and-network' });
  const [createState, create] = useMutation(createIdentityProviderMutation);
  const [updateState, update] = useMutation(updateIdentityProviderMutation);
  const [deleteState, remove] = useMutation(deleteIdentityProviderMutation);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const providers = data?.identityProviders ?? [];
  const reload = () => refetch({ requestPolicy: 'network-only' });

  async function onCreate(v: IdentityProviderValues) {
    setNotice(null);
    const r = await create({ input: toInput(v) });
    if (r.data) {
      setNotice(`Added ${r.data.createIdentityProvider.name}. Register ${r.data.createIdentityProvider.callbackURL} as its redirect URI.`);
      setFormKey((k) => k + 1);
      reload();
    }
  }

  async function onUpdate(id: string, v: IdentityProviderValues) {
    const r = await update({ id, input: toInput(v) });
    if (r.data) {
      setNotice(`Saved ${r.data.updateIdentityProvider.name}.`);
      setEditing(null);
      reload();
    }
  }

  async function onDelete(id: string) {
    const r = await remove({ id });
    if (!r.error) {
      setDeleting(null);
      reload();
    }
  }

  return (
    <>
      <PageHeader title="Identity providers" />
      <section className="section" aria-labelledby="idp-title">
        <h2 id="idp-title">External OpenID Connect providers</h2>
        <p className="muted">Each enabled provider shows as “Sign in with …” on the sign-in page.</p>
        {notice && <Banner kind="success">{notice}</Banner>}
        {deleteState.error && <Banner>{deleteState.error.message}</Banner>}
        <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
          {providers.length === 0 ? (
            <p className="empty">No identity providers.</p>
          ) : (
            <table className="table" aria-label="Identity providers">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Issuer</th>
                  <th scope="col">Redirect URI</th>
                  <th scope="col">Provisioning</th>
                  <th scope="col">Status</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {providers.map((p) => (
                  <tr key={p.id}>
                    <td>{p.name}</td>
                    <td>{p.issuer}</td>
                    <td>
                      <code>{p.callbackURL}</code>
                    </td>
                    <td>{p.jitProvisioning ? 'Just-in-time' : 'Linked users only'}</td>
                    <td>{p.enabled ? 'Enabled' : 'Disabled'}</td>
                    <td>
                      <button type="button" className="button" onClick={() => setEditing(p.id)}>
                        Edit {p.name}
                      </button>{' '}
                      <button type="button" className="button danger" onClick={() => setDeleting(p.id)}>
                        Delete {p.name}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryState>
        {deleting && (
          <ConfirmDelete busy={deleteState.fetching} onCancel={() => setDeleting(null)} onConfirm={() => void onDelete(deleting)}>
            Delete {providers.find((p) => p.id === deleting)?.name}? Users it signed in keep their accounts but can no longer sign in with it.
          </ConfirmDelete>
        )}
        {editing &&
          providers
            .filter((p) => p.id === editing)
            .map((p) => (
              <IdentityProviderForm
                key={p.id}
                editing
                initial={{
                  name: p.name,
                  issuer: p.issuer,
                  clientID: p.clientID,
                  clientSecret: '',
                  scopes: p.scopes.join(' '),
                  roleMappings: p.roleMappings.map((m) => ({ claim: m.claim, value: m.value, role: m.role })),
                  jitProvisioning: p.jitProvisioning,
                  enabled: p.enabled,
                }}
                onSubmit={(v) => void onUpdate(p.id, v)}
                onCancel={() => setEditing(null)}
                errors={toFormErrors(updateState.error)}
                submitting={updateState.fetching}
              />
            ))}
      </section>
      <section className="section" aria-labelledby="idp-add-title">
        <h2 id="idp-add-title">Add an identity provider</h2>
        <IdentityProviderForm key={formKey} initial={emptyIdentityProvider} editing={false} onSubmit={(v) => void onCreate(v)} errors={toFormErrors(createState.error)} submitting={createState.fetching} />
      </section>
    </>
  );
}
