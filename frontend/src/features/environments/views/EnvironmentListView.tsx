import { useState } from 'react';
import type { CombinedError } from '@urql/core';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { QueryState } from '../../../components/QueryState';
import { errorMessage } from '../../../lib/errors';
import { ConfirmDelete } from '../../../components/ConfirmDelete';
import { EnvironmentForm, emptyEnvironment, type EnvironmentDraft } from '../components/EnvironmentForm';
import { EnvironmentTable, type EnvironmentRow } from '../components/EnvironmentTable';
import { VirtualHostsForm, type VirtualHostValue } from '../components/VirtualHostsForm';
import { createEnvironmentMutation, deleteEnvironmentMutation, setVirtualHostsMutation, updateEnvironmentMutation } from '../mutations';
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
  const [created, create] = useMutation(createEnvironmentMutation);
  const [updated, update] = useMutation(updateEnvironmentMutation);
  const [deleted, remove] = useMutation(deleteEnvironmentMutation);
  const [creating, setCreating] = useState(false);
  const [editingFields, setEditingFields] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const environments = (data?.environments.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const current = environments.find((e) => e.id === editing);
  const editedFields = environments.find((e) => e.id === editingFields);

  function draftOf(e: (typeof environments)[number]): EnvironmentDraft {
    return {
      name: e.name,
      displayName: e.displayName,
      description: e.description,
      gatewayURL: e.gatewayURL,
      httpsURL: e.httpsURL,
      wsURL: e.wsURL,
      type: e.type === 'SANDBOX' ? 'SANDBOX' : 'PRODUCTION',
    };
  }

  async function onCreate(d: EnvironmentDraft) {
    setNotice(null);
    const res = await create({ input: { ...d } }, { additionalTypenames: ['Environment'] });
    if (res.data) {
      setNotice(`Created environment ${res.data.createEnvironment.name}.`);
      setCreating(false);
    }
  }

  async function onUpdate(d: EnvironmentDraft) {
    if (!editedFields) return;
    setNotice(null);
    const { name: _name, ...input } = d;
    void _name;
    const res = await update({ id: editedFields.id, input });
    if (res.data) {
      setNotice(`Saved environment ${editedFields.name}.`);
      setEditingFields(null);
    }
  }

  async function onDelete(e: EnvironmentRow) {
    setNotice(null);
    setDeleteError(null);
    const res = await remove({ id: e.id }, { additionalTypenames: ['Environment'] });
    setDeleting(null);
    if (res.error) setDeleteError(errorMessage(res.error));
    else setNotice(`Deleted environment ${e.name}.`);
  }

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
      {deleteError && <Banner kind="error">{deleteError}</Banner>}
      {!creating && (
        <button type="button" className="button primary" onClick={() => { setNotice(null); setCreating(true); }}>
          New environment
        </button>
      )}
      {creating && (
        <section className="section" aria-labelledby="env-new-title">
          <h3 id="env-new-title">New environment</h3>
          <EnvironmentForm initial={emptyEnvironment} creating onSubmit={(d) => void onCreate(d)} onCancel={() => setCreating(false)} errors={fieldErrors(created.error)} submitting={created.fetching} />
        </section>
      )}
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        <EnvironmentTable
          environments={environments}
          onEditVirtualHosts={(id) => { setNotice(null); setEditing(id); }}
          actions={(e) =>
            deleting === e.id ? (
              <ConfirmDelete busy={deleted.fetching} onConfirm={() => void onDelete(e)} onCancel={() => setDeleting(null)}>
                Delete environment {e.name}? Its gateways stop receiving configuration.
              </ConfirmDelete>
            ) : (
              <>
                {' '}
                <button type="button" className="button" aria-label={`Edit ${e.name}`} onClick={() => { setNotice(null); setEditingFields(e.id); }}>
                  Edit
                </button>{' '}
                <button type="button" className="button danger" aria-label={`Delete ${e.name}`} onClick={() => { setDeleteError(null); setDeleting(e.id); }}>
                  Delete
                </button>
              </>
            )
          }
        />
        {editedFields && (
          <section className="section" aria-labelledby="env-edit-title">
            <h3 id="env-edit-title">Edit {editedFields.displayName || editedFields.name}</h3>
            <EnvironmentForm
              key={editedFields.id}
              initial={draftOf(editedFields)}
              creating={false}
              onSubmit={(d) => void onUpdate(d)}
              onCancel={() => setEditingFields(null)}
              errors={fieldErrors(updated.error)}
              submitting={updated.fetching}
            />
          </section>
        )}
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
