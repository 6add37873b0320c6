import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { FormErrors } from '../../../lib/errors';

interface Props {
  username: string;
  onSave: (password: string) => void;
  onCancel: () => void;
  saving: boolean;
  errors: FormErrors;
}

/** Sets a temporary password: the user must choose a new one at the next sign-in. */
export function TemporaryPasswordDialog({ username, onSave, onCancel, saving, errors }: Props) {
  const [password, setPassword] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    onSave(password);
  }
  return (
    <form className="panel" role="dialog" aria-label={`Temporary password for ${username}`} onSubmit={submit} noValidate>
      <h3>Temporary password for {username}</h3>
      <p>
        {username} must change it at the next sign-in. Their sessions and tokens end now; tell them the password through a channel you trust.
      </p>
      {errors.banner && <Banner>{errors.banner}</Banner>}
      <FormField id={`temp-password-${username}`} name="password" label="Temporary password" hint="At least 12 characters; not the username, not a common password." error={errors.fields.password}>
        {(a) => <input {...a} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? 'Setting…' : 'Set temporary password'}
        </button>{' '}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
