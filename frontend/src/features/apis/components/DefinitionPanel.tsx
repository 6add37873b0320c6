import { useState } from 'react';
import { DefinitionEditor } from './DefinitionEditor';
import type { DefinitionReport } from './DefinitionReportPanel';

export interface DefinitionPanelProps {
  type: string;
  definitionType: string;
  definitionURL: string | null | undefined;
  definition: string;
  operations: { method: string; target: string; summary?: string | null }[];
  /** With onSave, offers "Edit definition" for the kinds edited as stored text. */
  onValidate?: (text: string) => Promise<DefinitionReport>;
  /** Saves the text as the API's definition: an error message, or null once saved. */
  onSave?: (text: string) => Promise<string | null>;
}

/**
 * The kinds whose stored text is what the publisher edits. An OpenAPI API is edited as the
 * definition the gateway enforces instead (ExportedDefinitionPanel), with its settings.
 */
const editedAsStored = new Set(['GRAPHQL_SDL', 'WSDL', 'ASYNCAPI']);

const kindLabels: Record<string, string> = {
  HTTP: 'REST / HTTP',
  GRAPHQL: 'GraphQL',
  WS: 'WebSocket',
  SOAP: 'SOAP pass-through',
  ASYNC: 'Async',
  PRODUCT: 'API product',
};

const definitionLabels: Record<string, string> = {
  OAS2: 'OpenAPI 2.0',
  OAS3: 'OpenAPI 3',
  GRAPHQL_SDL: 'GraphQL SDL',
  WSDL: 'WSDL 1.1',
  ASYNCAPI: 'AsyncAPI',
};

/** Long definitions are shown in part; the download has all of it. */
const previewLimit = 200_000;

/**
 * The API's kind and stored definition: what it declares (GraphQL fields, SOAP operations,
 * AsyncAPI channels, OpenAPI operations), its text, and the download link serving it as uploaded.
 */
export function DefinitionPanel({ type, definitionType, definitionURL, definition, operations, onValidate, onSave }: DefinitionPanelProps) {
  const [showText, setShowText] = useState(false);
  const [editing, setEditing] = useState(false);
  const editable = onValidate && onSave && editedAsStored.has(definitionType);
  return (
    <section className="panel" aria-label="Definition">
      <h2>Definition</h2>
      <p>
        <span className="badge">{kindLabels[type] ?? type}</span>{' '}
        {type === 'PRODUCT'
          ? 'Bundles operations of other APIs; each call goes to its own API’s backend.'
          : definitionType !== 'NONE'
            ? (definitionLabels[definitionType] ?? definitionType)
            : 'No definition (created from scratch)'}
        {definitionURL && (
          <>
            {' · '}
            <a href={definitionURL} download>
              Download definition
            </a>
          </>
        )}
      </p>
      {operations.length > 0 && (
        <table className="table compact">
          <caption>Declared in the definition ({operations.length})</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Name</th>
              <th scope="col">Summary</th>
            </tr>
          </thead>
          <tbody>
            {operations.map((o) => (
              <tr key={`${o.method} ${o.target}`}>
                <td>{o.method}</td>
                <td>
                  <code>{o.target}</code>
                </td>
                <td>{o.summary ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && editing ? (
        <DefinitionEditor
          initial={definition}
          onValidate={onValidate}
          onSave={async (text) => {
            const problem = await onSave(text);
            if (problem === null) setEditing(false);
            return problem;
          }}
          onCancel={() => setEditing(false)}
        />
      ) : definition && (
        <>
          <div className="actions">
            <button type="button" className="button" onClick={() => setShowText((s) => !s)} aria-expanded={showText}>
              {showText ? 'Hide definition' : 'Show definition'}
            </button>
            {editable && (
              <button type="button" className="button" onClick={() => setEditing(true)}>
                Edit definition
              </button>
            )}
          </div>
          {showText && (
            <pre className="code" data-testid="definition-text">
              {definition.length > previewLimit ? definition.slice(0, previewLimit) + '\n…' : definition}
            </pre>
          )}
        </>
      )}
    </section>
  );
}
