import { useState, type FormEvent } from 'react';
import { FormField } from '../../../components/FormField';

interface Props {
  /** What is being rejected, for the form's label. */
  subject: string;
  onReject: (reason: string) => void;
  onCancel: () => void;
  busy: boolean;
  /** The server's complaint about the reason, if any. */
  error?: string;
}

/** Asks why before rejecting: the subscriber reads the reason. */
export function RejectForm({ subject, onReject, onCancel, busy, error }: Props) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setMissing('Say why, so the subscriber knows what to change.');
      return;
    }
    setMissing(undefined);
    onReject(reason.trim());
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={`Reject ${subject}`}>
      <FormField id="reject-reason" name="reason" label="Reason" error={missing ?? error}>
        {(a) => <input {...a} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button danger" disabled={busy}>
          {busy ? 'Rejecting…' : 'Confirm rejection'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
