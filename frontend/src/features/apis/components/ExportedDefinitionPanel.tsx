import { useState } from 'react';
import { useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { errorMessage } from '../../../lib/errors';
import { useDefinitionSave } from '../definitionSave';
import { apiExportedDefinitionQuery } from '../queries';
import { DefinitionEditor } from './DefinitionEditor';

/**
 * The OpenAPI definition as the gateway enforces it, with each resource's settings as
 * x-gatehouse extensions; "Edit definition" saves edited text back, resources and settings
 * following it, so the text and the resource table always say the same thing.
 */
export function ExportedDefinitionPanel({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: apiExportedDefinitionQuery,
    variables: { id },
    pause: !open,
    requestPolicy: 'network-only',
  });
  const node = data?.node;
  const text = node && 'exportedDefinition' in node ? node.exportedDefinition : null;

  const { validate, save } = useDefinitionSave(id, () => {
    setEditing(false);
    refetch({ requestPolicy: 'network-only' });
  });

  return (
    <section className="section" aria-labelledby="export-title">
      <h2 id="export-title">Enforced definition</h2>
      {!open ? (
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Show enforced definition
        </button>
      ) : fetching ? (
        <p>Loading…</p>
      ) : error ? (
        <Banner>{errorMessage(error)}</Banner>
      ) : text && editing ? (
        <DefinitionEditor initial={text} onValidate={validate} onSave={save} onCancel={() => setEditing(false)} />
      ) : text ? (
        <>
          <div className="actions">
            <a className="button" download="openapi.json" href={`data:application/json;charset=utf-8,${encodeURIComponent(text)}`}>
              Download
            </a>
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit definition
            </button>
          </div>
          <pre className="code" aria-label="Enforced definition">
            {text}
          </pre>
        </>
      ) : (
        <p className="empty">The API has no OpenAPI definition.</p>
      )}
    </section>
  );
}
