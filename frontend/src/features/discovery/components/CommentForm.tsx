import { useState, type FormEvent } from 'react';
import { FormField } from '../../../components/FormField';

interface Props {
  id: string;
  label: string;
  submitLabel: string;
  onSubmit: (body: string) => Promise<boolean>;
  busy: boolean;
  error?: string;
  onCancel?: () => void;
}

/** A comment or reply box; clears itself when the comment was posted. */
export function CommentForm({ id, label, submitLabel, onSubmit, busy, error, onCancel }: Props) {
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!body.trim()) {
      setMissing('Write something first.');
      return;
    }
    setMissing(undefined);
    if (await onSubmit(body.trim())) setBody('');
  }
  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={label}>
      <FormField id={id} name="body" label={label} error={missing ?? error}>
        {(a) => <textarea {...a} rows={3} maxLength={2000} value={body} onChange={(e) => setBody(e.target.value)} />}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
