import { useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { ConfirmDelete } from '../../../components/ConfirmDelete';
import { errorMessage, toFormErrors } from '../../../lib/errors';
import { ApiPage } from '../components/ApiPage';
import { ScopeForm, emptyScope, type ScopeValues } from '../components/ScopeForm';
import { createApiScopeMutation, deleteApiScopeMutation, updateApiScopeMutation } from '../mutations';
import { apiScopesQuery } from '../queries';

/**
 * "Scopes": the scopes an API's resources may require, and the roles whose users the key
 * manager grants them to. Resources pick their scopes from these in the resource editor.
 */
export function ApiScopesView() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: apiScopesQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const [created, create] = useMutation(createApiScopeMutation);
  const [updated, update] = useMutation(updateApiScopeMutation);
  const [removed, remove] = useMutation(deleteApiScopeMutation);
  // editing: null (list only), 'new', or a scope id.
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const api = data?.apis.edges?.[0]?.node ?? null;
  const scopes = data?.apiScopes ?? [];
  const current = scopes.find((s) => s.id === editing);
  const usedBy = (name: string) => (api?.operations ?? []).filter((o) => o.scopes?.includes(name)).map((o) => `${o.method} ${o.target}`);

  async function onSave(v: ScopeValues) {
    setNotice(null);
    const input = { name: v.name, displayName: v.displayName, description: v.description, roles: v.roles };
    const res = editing === 'new' ? await create({ apiID: id, input }) : await update({ id: editing ?? '', input });
    if (!res.error) {
      setEditing(null);
      setNotice(`Saved the scope ${v.name}. Tokens issued from now on follow its roles.`);
      refetch({ requestPolicy: 'network-only' });
    }
  }
  async function onDelete(scopeId: string) {
    const res = await remove({ id: scopeId });
    setDeleting(null);
    if (!res.error) refetch({ requestPolicy: 'network-only' });
  }

  const saveError = editing === 'new' ? created.error : updated.error;
  return (
    <ApiPage
      id={id}
      api={api}
      fetching={fetching}
      error={error}
      hasData={Boolean(data)}
      actions={
        editing === null && (
          <button type="button" className="button primary" onClick={() => setEditing('new')}>
            Add scope
          </button>
        )
      }
    >
      {() => (
        <>
          {notice && <Banner kind="success">{notice}</Banner>}
          {removed.error && <Banner>{errorMessage(removed.error)}</Banner>}
          {editing !== null ? (
            <ScopeForm
              key={editing}
              existing={Boolean(current)}
              initial={current ? { name: current.name, displayName: current.displayName, description: current.description, roles: current.roles ?? [] } : emptyScope}
              onSubmit={(v) => void onSave(v)}
              onCancel={() => setEditing(null)}
              errors={toFormErrors(saveError)}
              submitting={created.fetching || updated.fetching}
            />
          ) : scopes.length === 0 ? (
            <p className="empty">No scopes yet. A resource that requires a scope only lets in tokens granted it.</p>
          ) : (
            <table className="table" aria-label="Scopes">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Roles allowed</th>
                  <th scope="col">Used by</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {scopes.map((s) => {
                  const used = usedBy(s.name);
                  return (
                    <tr key={s.id}>
                      <td>
                        <code>{s.name}</code>
                        {s.displayName && <div>{s.displayName}</div>}
                        {s.description && <div className="muted">{s.description}</div>}
                      </td>
                      <td>{s.roles?.length ? s.roles.join(', ') : <span className="muted">any user</span>}</td>
                      <td>{used.length ? used.join(', ') : <span className="muted">no resource</span>}</td>
                      <td>
                        <button type="button" className="button" onClick={() => setEditing(s.id)} aria-label={`Edit ${s.name}`}>
                          Edit
                        </button>{' '}
                        <button type="button" className="button danger" onClick={() => setDeleting(s.id)} aria-label={`Delete ${s.name}`}>
                          Delete
                        </button>
                        {deleting === s.id && (
                          <ConfirmDelete onConfirm={() => void onDelete(s.id)} onCancel={() => setDeleting(null)} busy={removed.fetching}>
                            Delete the scope <strong>{s.name}</strong>?
                            {used.length > 0 && ' Resources still require it: remove it from them first.'}
                          </ConfirmDelete>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </ApiPage>
  );
}
