import { useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { ConfirmDelete } from '../../../components/ConfirmDelete';
import { errorMessage, toFormErrors } from '../../../lib/errors';
import { ApiPage } from '../components/ApiPage';
import { DocumentEditor, emptyDocument, type DocumentValues } from '../components/DocumentEditor';
import { createDocumentMutation, deleteDocumentMutation, updateDocumentMutation } from '../mutations';
import { apiDocumentsQuery } from '../queries';

/** The documents of an API: a list, and an editor for a new or chosen one. */
export function ApiDocumentsView() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: apiDocumentsQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const [created, create] = useMutation(createDocumentMutation);
  const [updated, update] = useMutation(updateDocumentMutation);
  const [removed, remove] = useMutation(deleteDocumentMutation);
  // editing: null (list only), 'new', or a document id.
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);

  const api = data?.apis.edges?.[0]?.node ?? null;
  const docs = [...(api?.documents ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const current = docs.find((d) => d.id === editing);

  async function onSave(v: DocumentValues) {
    const input = {
      name: v.name,
      summary: v.summary,
      docType: v.docType,
      sourceType: v.sourceType,
      content: v.content,
      url: v.url,
      file: v.file,
    };
    const res = editing === 'new' ? await create({ apiID: id, input }) : await update({ id: editing ?? '', input });
    if (!res.error) {
      setEditing(null);
      refetch({ requestPolicy: 'network-only' });
    }
  }
  async function onDelete(docId: string) {
    const res = await remove({ id: docId });
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
            Add document
          </button>
        )
      }
    >
      {() => (
        <>
          {removed.error && <Banner>{errorMessage(removed.error)}</Banner>}
          {editing !== null ? (
            <DocumentEditor
              key={editing}
              initial={
                current
                  ? {
                      name: current.name,
                      summary: current.summary,
                      docType: current.docType,
                      sourceType: current.sourceType,
                      content: current.content,
                      url: current.url,
                      file: null,
                    }
                  : emptyDocument
              }
              currentFile={current?.fileName || undefined}
              onSubmit={onSave}
              onCancel={() => setEditing(null)}
              errors={toFormErrors(saveError)}
              submitting={created.fetching || updated.fetching}
            />
          ) : docs.length === 0 ? (
            <p className="empty">No documents yet.</p>
          ) : (
            <table className="table" aria-label="Documents">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Source</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {docs.map((d) => (
                  <tr key={d.id}>
                    <td>
                      {d.name}
                      {d.summary && <div className="muted">{d.summary}</div>}
                    </td>
                    <td>{d.docType.replace('_', ' ').toLowerCase()}</td>
                    <td>
                      {d.sourceType === 'URL' && (
                        <a href={d.url} rel="noopener noreferrer" target="_blank">
                          link
                        </a>
                      )}
                      {d.sourceType === 'FILE' && d.fileURL && <a href={d.fileURL}>{d.fileName}</a>}
                      {d.sourceType === 'INLINE' && 'markdown'}
                    </td>
                    <td>
                      <button type="button" className="button" onClick={() => setEditing(d.id)}>
                        Edit
                      </button>{' '}
                      <button type="button" className="button danger" onClick={() => setDeleting(d.id)}>
                        Delete
                      </button>
                      {deleting === d.id && (
                        <ConfirmDelete onConfirm={() => onDelete(d.id)} onCancel={() => setDeleting(null)} busy={removed.fetching}>
                          Delete the document <strong>{d.name}</strong>?
                        </ConfirmDelete>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </ApiPage>
  );
}
