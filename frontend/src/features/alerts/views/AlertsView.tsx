import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ConfirmDelete } from '../../../components/ConfirmDelete';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { noFormErrors, toFormErrors, type FormErrors } from '../../../lib/errors';
import { AlertForm, type AlertFormValues } from '../components/AlertForm';
import { AlertTable } from '../components/AlertTable';
import { createAlertMutation, deleteAlertMutation, updateAlertMutation } from '../mutations';
import { alertsQuery, alertTargetsQuery } from '../queries';

type Editing = { mode: 'create' } | { mode: 'edit'; id: string } | null;

/** /admin/alerts: alert rules on the analytics, their state and history. */
export function AlertsView() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: alertsQuery, requestPolicy: 'cache-and-network' });
  const [targets] = useQuery({ query: alertTargetsQuery });
  const [, create] = useMutation(createAlertMutation);
  const [, update] = useMutation(updateAlertMutation);
  const [del, remove] = useMutation(deleteAlertMutation);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [formErrors, setFormErrors] = useState<FormErrors>(noFormErrors);
  const [submitting, setSubmitting] = useState(false);

  const alerts = data?.alerts ?? [];
  const apis = (targets.data?.apis.edges ?? []).flatMap((e) =>
    e?.node ? [{ id: e.node.id, name: `${e.node.name} ${e.node.version}` }] : [],
  );
  const current = editing?.mode === 'edit' ? alerts.find((a) => a.id === editing.id) : undefined;

  async function save(values: AlertFormValues) {
    setSubmitting(true);
    const result =
      editing?.mode === 'edit'
        ? await update({ id: editing.id, input: values })
        : await create({ input: values });
    setSubmitting(false);
    if (result.error) {
      setFormErrors(toFormErrors(result.error));
      return;
    }
    setFormErrors(noFormErrors);
    setEditing(null);
    refetch({ requestPolicy: 'network-only' });
  }

  async function confirmDelete(id: string) {
    const result = await remove({ id });
    if (!result.error) {
      setDeleting(null);
      refetch({ requestPolicy: 'network-only' });
    }
  }

  const deletingName = alerts.find((a) => a.id === deleting)?.name;
  return (
    <>
      <PageHeader
        title="Alerts"
        actions={
          editing === null && (
            <button type="button" className="button primary" onClick={() => setEditing({ mode: 'create' })}>
              New alert
            </button>
          )
        }
      />
      {editing && (
        <section className="section" aria-label={editing.mode === 'create' ? 'New alert' : 'Edit alert'}>
          <AlertForm
            key={editing.mode === 'edit' ? editing.id : 'new'}
            mode={editing.mode}
            initial={current ? { ...current, targetID: current.targetID } : undefined}
            apis={apis}
            onSubmit={save}
            onCancel={() => {
              setEditing(null);
              setFormErrors(noFormErrors);
            }}
            errors={formErrors}
            submitting={submitting}
          />
        </section>
      )}
      {deleting && (
        <ConfirmDelete onConfirm={() => confirmDelete(deleting)} onCancel={() => setDeleting(null)} busy={del.fetching}>
          Delete the alert “{deletingName}” and its history?
        </ConfirmDelete>
      )}
      <section className="section" aria-label="Alert rules">
        <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
          <AlertTable
            alerts={alerts}
            onEdit={(id) => {
              setFormErrors(noFormErrors);
              setEditing({ mode: 'edit', id });
            }}
            onDelete={setDeleting}
          />
        </QueryState>
      </section>
    </>
  );
}
