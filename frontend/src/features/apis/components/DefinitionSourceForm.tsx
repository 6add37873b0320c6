import type { ChangeEvent, FormEvent } from 'react';
import { FormField } from '../../../components/FormField';

export type DefinitionSourceMode = 'content' | 'url';

/** Where the definition comes from: pasted (or read from a file) text, or a URL. */
export interface DefinitionSourceValue {
  mode: DefinitionSourceMode;
  content: string;
  url: string;
  /** The name of the file the content was read from, if any. */
  fileName: string | null;
}

export const emptyDefinitionSource: DefinitionSourceValue = { mode: 'content', content: '', url: '', fileName: null };

/** The file types the import reads (OpenAPI in JSON or YAML, GraphQL SDL, WSDL). */
export const definitionFileTypes = '.json,.yaml,.yml,.graphql,.wsdl';

/** What the publisher says they import; the server detects the real kind from the content. */
export type DefinitionKindChoice = 'OPENAPI' | 'GRAPHQL' | 'WSDL' | 'ASYNCAPI';

export const definitionKindChoices: { value: DefinitionKindChoice; label: string; accept: string; hint: string }[] = [
  { value: 'OPENAPI', label: 'OpenAPI', accept: '.json,.yaml,.yml', hint: 'OpenAPI 2.0, 3.0 or 3.1, JSON or YAML: a REST API with its resources.' },
  { value: 'GRAPHQL', label: 'GraphQL SDL', accept: '.graphql,.graphqls,.gql', hint: 'GraphQL SDL: a GraphQL API called with POST /graphql.' },
  { value: 'WSDL', label: 'WSDL (SOAP)', accept: '.wsdl,.xml', hint: 'WSDL 1.1: a SOAP pass-through API; the WSDL is served as uploaded.' },
  { value: 'ASYNCAPI', label: 'AsyncAPI', accept: '.json,.yaml,.yml', hint: 'AsyncAPI 2 or 3: an async API, its channels become topics.' },
];

export interface DefinitionSourceFormProps {
  value: DefinitionSourceValue;
  /** Narrows the file picker and the hint; any kind is still accepted. */
  kind?: DefinitionKindChoice;
  onChange: (patch: Partial<DefinitionSourceValue>) => void;
  onValidate: () => void;
  validating: boolean;
  /** The server's error for the source (extensions.field "source"). */
  error?: string;
}

/**
 * Step one of the import: the definition's text (typed, pasted or read from a local file,
 * in the browser) or the URL the server fetches it from, and the Validate button.
 */
export function DefinitionSourceForm({ value, kind, onChange, onValidate, validating, error }: DefinitionSourceFormProps) {
  const choice = definitionKindChoices.find((c) => c.value === kind);
  const empty = value.mode === 'content' ? !value.content.trim() : !value.url.trim();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!empty) onValidate();
  }

  async function readFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    const content = await file.text();
    onChange({ mode: 'content', content, fileName: file.name });
  }

  return (
    <form className="form wide" onSubmit={submit} noValidate aria-label="Definition source">
      <fieldset className="choice">
        <legend>Source</legend>
        <label>
          <input type="radio" name="source-mode" value="content" checked={value.mode === 'content'} onChange={() => onChange({ mode: 'content' })} />
          Paste or upload
        </label>
        <label>
          <input type="radio" name="source-mode" value="url" checked={value.mode === 'url'} onChange={() => onChange({ mode: 'url' })} />
          Fetch from a URL
        </label>
      </fieldset>

      {value.mode === 'content' ? (
        <>
          <div className="field">
            <label htmlFor="definition-file">Definition file</label>
            <input id="definition-file" name="file" type="file" accept={choice?.accept ?? definitionFileTypes} onChange={readFile} />
            {value.fileName && <p className="field-hint">Read {value.fileName}; you may edit it below.</p>}
          </div>
          <FormField id="definition-content" name="source" label="Definition" hint={choice?.hint ?? 'OpenAPI 2.0, 3.0 or 3.1 (JSON or YAML), GraphQL SDL, AsyncAPI or WSDL.'} error={error}>
            {(a) => (
              <textarea
                {...a}
                className="code"
                rows={14}
                spellCheck={false}
                value={value.content}
                onChange={(e) => onChange({ content: e.target.value, fileName: null })}
              />
            )}
          </FormField>
        </>
      ) : (
        <FormField id="definition-url" name="source" label="Definition URL" hint="The server fetches the definition from here." error={error}>
          {(a) => <input {...a} type="url" value={value.url} onChange={(e) => onChange({ url: e.target.value })} autoComplete="off" />}
        </FormField>
      )}

      <div className="form-actions">
        <button type="submit" className="button primary" disabled={empty || validating}>
          {validating ? 'Validating…' : 'Validate'}
        </button>
      </div>
    </form>
  );
}
