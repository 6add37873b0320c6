import { useState } from 'react';
import { Banner } from '../../../components/Banner';
import { DefinitionReportPanel, type DefinitionReport } from './DefinitionReportPanel';

export interface DefinitionEditorProps {
  /** The enforced definition, with each resource's settings as x-gatehouse extensions. */
  initial: string;
  /** Validates text on the server; resolves to its report, or rejects with a message. */
  onValidate: (text: string) => Promise<DefinitionReport>;
  /** Saves text as the API's definition; resolves to an error message, or null once saved. */
  onSave: (text: string) => Promise<string | null>;
  onCancel: () => void;
}

/**
 * Edits the definition text: validate, then save. Saving replaces the API's resources and
 * their settings with what the text says (x-gatehouse-auth-required, x-scopes,
 * x-throttling-tier, x-gatehouse-request-validation, x-gatehouse-policies), so Save is on
 * only for a valid report of the text as it is now.
 */
export function DefinitionEditor({ initial, onValidate, onSave, onCancel }: DefinitionEditorProps) {
  const [text, setText] = useState(initial);
  const [validated, setValidated] = useState<{ text: string; report: DefinitionReport } | null>(null);
  const [busy, setBusy] = useState<'validate' | 'save' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stale = validated !== null && validated.text !== text;

  async function validate() {
    setBusy('validate');
    setError(null);
    try {
      setValidated({ text, report: await onValidate(text) });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  async function save() {
    setBusy('save');
    setError(await onSave(text));
    setBusy(null);
  }

  return (
    <div className="definition-editor">
      <label htmlFor="definition-text-editor">Definition text</label>
      <textarea
        id="definition-text-editor"
        className="code"
        rows={24}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {error && <Banner>{error}</Banner>}
      {validated && <DefinitionReportPanel report={validated.report} stale={stale} />}
      <div className="actions">
        <button type="button" className="button" onClick={validate} disabled={busy !== null || text.trim() === ''}>
          {busy === 'validate' ? 'Validating…' : 'Validate'}
        </button>
        <button
          type="button"
          className="button primary"
          onClick={save}
          disabled={busy !== null || !validated || stale || !validated.report.valid}
        >
          {busy === 'save' ? 'Saving…' : 'Save definition'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy !== null}>
          Cancel
        </button>
      </div>
    </div>
  );
}
