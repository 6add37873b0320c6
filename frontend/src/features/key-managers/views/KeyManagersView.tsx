import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { ConfirmDelete } from '../../../components/ConfirmDelete';
import { FormField } from '../../../components/FormField';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { toFormErrors } from '../../../lib/errors';
import { createKeyManagerMutation, deleteKeyManagerMutation, updateKeyManagerMutation } from '../mutations';
import { keyManagersQuery } from '../queries';

const empty = { name: '', issuer: '', jwksURI: '', tokenEndpoint: '', introspectionEndpoint: '', introspectionClientID: '', introspectionClientSecret: '', audience: '', clientIDClaim: 'client_id', scopesClaim: 'scope', userClaim: 'sub' };
type Values = typeof empty;
type TextKey = keyof Values;

const fields: { key: keyof Values; label: string; hint?: string; secret?: boolean }[] = [
  { key: 'name', label: 'Name' },
  { key: 'issuer', label: 'Issuer', hint: 'The iss its tokens carry.' },
  { key: 'jwksURI', label: 'JWKS URI', hint: 'Fetched by the control plane and handed to gateways.' },
  { key: 'tokenEndpoint', label: 'Token endpoint' },
  { key: 'introspectionEndpoint', label: 'Introspection endpoint', hint: 'Optional: gateways verify its opaque (non-JWT) tokens here (RFC 7662).' },
  { key: 'introspectionClientID', label: 'Introspection client ID', hint: 'The client gateways authenticate as at the introspection endpoint.' },
  { key: 'introspectionClientSecret', label: 'Introspection client secret', secret: true },
  { key: 'audience', label: 'Audience', hint: 'Optional: when set, tokens must carry it in aud.' },
  { key: 'clientIDClaim', label: 'Client ID claim' },
  { key: 'scopesClaim', label: 'Scopes claim' },
  { key: 'userClaim', label: 'User claim' },
];

/** /admin/key-managers: third-party authorization servers whose tokens APIs may accept. */
export function KeyManagersView() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: keyManagersQuery, requestPolicy: 'cache-and-network' });
  const [createState, create] = useMutation(createKeyManagerMutation);
  const [updateState, update] = useMutation(updateKeyManagerMutation);
  // editing: the id of the key manager the form edits; null registers a new one.
  const [editing, setEditing] = useState<string | null>(null);
  const [enabled, setEnabled] = useState(true);
  const [deleteState, remove] = useMutation(deleteKeyManagerMutation);
  const [v, setV] = useState<Values>(empty);
  const [notice, setNotice] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const errors = toFormErrors(editing ? updateState.error : createState.error);
  const kms = data?.keyManagers ?? [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    if (editing) {
      // Every field is sent: the form holds the key manager's current values.
      const r = await update({ id: editing, input: { ...v, name: v.name.trim(), enabled } });
      if (r.data) {
        setNotice(`Saved ${r.data.updateKeyManager.name}. Gateways pick up the change with their next snapshot.`);
        cancelEdit();
        refetch({ requestPolicy: 'network-only' });
      }
      return;
    }
    const r = await create({ input: { ...v, name: v.name.trim() } });
    if (r.data) {
      setNotice(`Added ${r.data.createKeyManager.name}. Publishers choose it on an API to accept its tokens.`);
      setV(empty);
      refetch({ requestPolicy: 'network-only' });
    }
  }

  function startEdit(id: string) {
    const k = kms.find((x) => x.id === id);
    if (!k) return;
    setNotice(null);
    setEditing(id);
    setEnabled(k.enabled);
    const next = { ...empty };
    // The secret is never read back: left blank, the stored one is kept.
    for (const key of Object.keys(empty) as TextKey[]) next[key] = key === 'introspectionClientSecret' ? '' : (k[key] ?? '');
    setV(next);
  }
  function cancelEdit() {
    setEditing(null);
    setEnabled(true);
    setV(empty);
  }
  const editingName = kms.find((k) => k.id === editing)?.name;

  return (
    <>
      <PageHeader title="Key managers" />
      <section className="section" aria-labelledby="km-title">
        <h2 id="km-title">Third-party key managers</h2>
        <p className="muted">Gatehouse’s built-in Key Manager is always available; APIs accept it unless their publisher leaves it out.</p>
        {notice && <Banner kind="success">{notice}</Banner>}
        <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
          {kms.length === 0 ? (
            <p className="empty">No third-party key managers.</p>
          ) : (
            <table className="table" aria-label="Key managers">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Issuer</th>
                  <th scope="col">JWKS URI</th>
                  <th scope="col">Claims (client, scopes, user)</th>
                  <th scope="col">Status</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {kms.map((k) => (
                  <tr key={k.id}>
                    <td>{k.name}</td>
                    <td>{k.issuer}</td>
                    <td>{k.jwksURI}</td>
                    <td>
                      {k.clientIDClaim}, {k.scopesClaim}, {k.userClaim}
                    </td>
                    <td>{k.enabled ? 'Enabled' : 'Disabled'}</td>
                    <td>
                      <button type="button" className="button" onClick={() => startEdit(k.id)}>
                        Edit {k.name}
                      </button>{' '}
                      <button type="button" className="button danger" onClick={() => setDeleting(k.id)}>
                        Delete {k.name}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryState>
        {deleting && (
          <ConfirmDelete
            busy={deleteState.fetching}
            onCancel={() => setDeleting(null)}
            onConfirm={() =>
              void remove({ id: deleting }).then((r) => {
                if (!r.error) {
                  setDeleting(null);
                  refetch({ requestPolicy: 'network-only' });
                }
              })
            }
          >
            Delete {kms.find((k) => k.id === deleting)?.name}? Its tokens stop working at once and its client id mappings are removed.
          </ConfirmDelete>
        )}
      </section>
      <section className="section" aria-labelledby="km-add-title">
        <h2 id="km-add-title">{editing ? `Edit ${editingName ?? 'key manager'}` : 'Register a key manager'}</h2>
        <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={editing ? 'Edit key manager' : 'Register key manager'}>
          {errors.banner && <Banner>{errors.banner}</Banner>}
          {fields.map((f) => (
            <FormField key={f.key} id={`km-${f.key}`} name={f.key} label={f.label} hint={f.hint} error={errors.fields[f.key]}>
              {(a) => <input {...a} type={f.secret ? 'password' : 'text'} autoComplete={f.secret ? 'new-password' : 'off'} value={v[f.key]} onChange={(e) => setV((o) => ({ ...o, [f.key]: e.target.value }))} />}
            </FormField>
          ))}
          {editing && (
            <label className="check">
              <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Enabled (gateways accept its tokens)
            </label>
          )}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={createState.fetching || updateState.fetching}>
              {editing ? 'Save key manager' : 'Register key manager'}
            </button>
            {editing && (
              <>
                {' '}
                <button type="button" className="button" onClick={cancelEdit}>
                  Cancel
                </button>
              </>
            )}
          </div>
        </form>
      </section>
    </>
  );
}
