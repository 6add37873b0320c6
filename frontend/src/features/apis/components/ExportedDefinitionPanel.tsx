import { useState } from 'react';
import { useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { errorMessage } from '../../../lib/errors';
import { apiExportedDefinitionQuery } from '../queries';

/** The OpenAPI definition as the gateway enforces it, with each resource's settings as x-gatehouse extensions. */
export function ExportedDefinitionPanel({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  const [{ data, fetching, error }] = useQuery({ query: apiExportedDefinitionQuery, variables: { id }, pause: !open, requestPolicy: 'network-only' });
  const node = data?.node;
  const text = node && 'exportedDefinition' in node ? node.exportedDefinition : null;
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
      ) : text ? (
        <>
          <a className="button" download="openapi.json" href={`data:application/json;charset=utf-8,${encodeURIComponent(text)}`}>
            Download
          </a>
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
