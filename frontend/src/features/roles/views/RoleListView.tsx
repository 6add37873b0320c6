import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { ConfirmDelete } from '../../../components/ConfirmDelete';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { errorMessage, toFormErrors } from '../../../lib/errors';
import { emptyRole, RoleForm, type RoleValues } from '../components/RoleForm';
import { RoleTable } from '../components/RoleTable';
import { createRoleMutation, deleteRoleMutation, updateRoleMutation } from '../mutations';
import { permissionsQuery, rolesQuery } from '../queries';

type Editing = { kind: 'new' } | { kind: 'edit'; name: string } | null;

/** /admin/roles: the organization's built-in and custom roles; admins define, edit and delete custom ones. */
export function RoleListView() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: rolesQuery, requestPolicy: 'cache-and-network' });
  const [{ data: permData }] = useQuery({ query: permissionsQuery });
  const [created, create] = useMutation(createRoleMutation);
  const [updated, update] = useMutation(updateRoleMutation);
  const [deleted, remove] = useMutation(deleteRoleMutation);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<{ name: string; message: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const roles = data?.roles ?? [];
  const permissions = permData?.permissions ?? [];
  const edited = editing?.kind === 'edit' ? roles.find((r) => r.name === editing.name) : undefined;

  const reload = () => refetch({ requestPolicy: 'network-only' });

  async function onSubmit(v: RoleValues) {
    setNotice(null);
    const input = { name: v.name, description: v.description || null, permissions: v.permissions };
    if (editing?.kind === 'edit') {
      const r = await update({ name: editing.name, input });
      if (r.data) {
        setNotice(`Saved role ${r.data.updateRole.name}.`);
        setEditing(null);
        reload();
      }
    } else {
      const r = await create({ input });
      if (r.data) {
        setNotice(`Created role ${r.data.createRole.name}.`);
        setEditing(null);
        reload();
      }
    }
  }

  async function onDelete(name: string) {
    setNotice(null);
    setDeleteError(null);
    const r = await remove({ name });
    setDeleting(null);
    if (r.error) setDeleteError({ name, message: errorMessage(r.error) });
    else {
      setNotice(`Deleted role ${name}.`);
      reload();
    }
  }

  const formErrors = toFormErrors(editing?.kind === 'edit' ? updated.error : created.error);

  return (
    <>
      <PageHeader
        title="Roles"
        actions={
          editing === null && (
            <button type="button" className="button primary" onClick={() => setEditing({ kind: 'new' })}>
              New role
            </button>
          )
        }
      />
      <p className="muted">
        A role is a named set of permissions. The built-in roles are fixed; custom roles are yours to define, then give to users on the Administration page.
      </p>
      {notice && <Banner kind="success">{notice}</Banner>}
      {editing && (editing.kind === 'new' || edited) && (
        <section className="section" aria-label={editing.kind === 'new' ? 'New role' : `Edit role ${editing.name}`}>
          <RoleForm
            key={editing.kind === 'new' ? '(new)' : editing.name}
            initial={edited ? { name: edited.name, description: edited.description, permissions: edited.permissions } : emptyRole}
            existing={editing.kind === 'edit'}
            permissions={permissions}
            onSubmit={(v) => void onSubmit(v)}
            onCancel={() => setEditing(null)}
            errors={formErrors}
            submitting={created.fetching || updated.fetching}
          />
        </section>
      )}
      {deleting && (
        <ConfirmDelete onConfirm={() => void onDelete(deleting)} onCancel={() => setDeleting(null)} busy={deleted.fetching}>
          Delete the role <strong>{deleting}</strong>? This is refused while users hold it or API scopes name it.
        </ConfirmDelete>
      )}
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        <RoleTable
          roles={roles}
          onEdit={(name) => {
            setNotice(null);
            setEditing({ kind: 'edit', name });
          }}
          onDelete={(name) => {
            setDeleteError(null);
            setDeleting(name);
          }}
          busy={deleted.fetching}
          deleteError={deleteError}
        />
      </QueryState>
    </>
  );
}
