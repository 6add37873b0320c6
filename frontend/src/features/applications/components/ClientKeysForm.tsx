import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { FormErrors } from '../../../lib/errors';

export interface ClientKeysFormProps {
  idPrefix: string;
  onSave: (jwks: string) => void;
  saving: boolean;
  saved: boolean;
  errors: FormErrors;
}

/**
 * The public keys (a JSON Web Key Set) the application signs client assertions with. Once
 * saved, the key authenticates at the token endpoint with private_key_jwt only; saving an
 * empty set returns it to the consumer secret.
 */
export function ClientKeysForm({ idPrefix, onSave, saving, saved, errors }: ClientKeysFormProps) {
  const [jwks, setJwks] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    onSave(jwks.trim());
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Client public keys">
      {errors.banner && <Banner>{errors.banner}</Banner>}
      {saved && <p role="status">{jwks.trim() ? 'Saved: the key now authenticates with private_key_jwt.' : 'Saved: the key authenticates with its consumer secret.'}</p>}
      <FormField
        id={`${idPrefix}-jwks`}
        name="jwks"
        label="Public keys (JWKS) for private_key_jwt"
        hint='Optional. A JSON Web Key Set, e.g. {"keys": [{"kty": "EC", ...}]}. Leave empty to use the consumer secret.'
        error={errors.fields.jwks}
      >
        {(a) => <textarea {...a} rows={4} value={jwks} onChange={(e) => setJwks(e.target.value)} spellCheck={false} />}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button" disabled={saving}>
          {saving ? 'Saving…' : 'Save public keys'}
        </button>
      </div>
    </form>
  );
}
