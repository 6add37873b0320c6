import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';

interface Props {
  username: string;
  onDelete: () => void;
  onCancel: () => void;
  deleting: boolean;
  /** Why the server refused (oneself, the last admin), in words. */
  error: string | null;
}

/** Deletes a user once their username is typed: their sessions, tokens and applications go with them. */
export function DeleteUserDialog({ username, onDelete, onCancel, deleting, error }: Props) {
  const [typed, setTyped] = useState('');
  const matches = typed === username;
  function submit(e: FormEvent) {
    e.preventDefault();
    if (matches) onDelete();
  }
  return (
    <form className="confirm" role="alertdialog" aria-label={`Delete ${username}`} onSubmit={submit} noValidate>
      <div>
        <p>
          Delete <strong>{username}</strong>? Their sessions, tokens and applications (with their subscriptions and keys) are deleted too. This cannot be undone.
        </p>
        {error && <Banner>{error}</Banner>}
        <FormField id={`delete-user-${username}`} name="confirm" label={`Type ${username} to confirm`}>
          {(a) => <input {...a} autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />}
        </FormField>
      </div>
      <button type="submit" className="button danger" disabled={!matches || deleting}>
        {deleting ? 'Deleting…' : 'Delete user'}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
