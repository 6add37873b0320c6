import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { Role } from '../../../gql/graphql';
import type { FormErrors } from '../../../lib/errors';

export interface RoleMappingValue {
  claim: string;
  value: string;
  role: Role;
}

export interface IdentityProviderValues {
  name: string;
  issuer: string;
  clientID: string;
  /** Empty on edit keeps the stored secret. */
  clientSecret: string;
  scopes: string;
  roleMappings: RoleMappingValue[];
  jitProvisioning: boolean;
  enabled: boolean;
}

export const emptyIdentityProvider: IdentityProviderValues = {
  name: '',
  issuer: '',
  clientID: '',
  clientSecret: '',
  scopes: 'openid profile email',
  roleMappings: [],
  jitProvisioning: false,
  enabled: true,
};

interface Props {
  initial: IdentityProviderValues;
  editing: boolean;
  onSubmit: (v: IdentityProviderValues) => void;
  onCancel?: () => void;
  errors: FormErrors;
  submitting: boolean;
}

const roles: { role: Role; label: string }[] = [
  { role: 'SUBSCRIBER', label: 'Subscriber' },
  { role: 'PUBLISHER', label: 'Publisher' },
  { role: 'ADMIN', label: 'Admin' },
];

/** Registers or edits an external OpenID Connect provider; the client secret is write-only. */
export function IdentityProviderForm({ initial, editing, onSubmit, onCancel, errors, submitting }: Props) {
  const [v, setV] = useState<IdentityProviderValues>(initial);
  const set = <K extends keyof IdentityProviderValues>(k: K, val: IdentityProviderValues[K]) => setV((o) => ({ ...o, [k]: val }));
  const setMapping = (i: number, m: Partial<RoleMappingValue>) =>
    setV((o) => ({ ...o, roleMappings: o.roleMappings.map((x, j) => (j === i ? { ...x, ...m } : x)) }));

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit(v);
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={editing ? 'Edit identity provider' : 'Add identity provider'}>
      {errors.banner && <Banner>{errors.banner}</Banner>}
      <div className="form-row">
        <FormField id="idp-name" name="name" label="Name" hint='Shown as "Sign in with <name>".' error={errors.fields.name}>
          {(a) => <input {...a} value={v.name} onChange={(e) => set('name', e.target.value)} />}
        </FormField>
        <FormField id="idp-issuer" name="issuer" label="Issuer URL" hint="Its discovery document is at <issuer>/.well-known/openid-configuration." error={errors.fields.issuer}>
          {(a) => <input {...a} type="url" value={v.issuer} onChange={(e) => set('issuer', e.target.value)} />}
        </FormField>
      </div>
      <div className="form-row">
        <FormField id="idp-client-id" name="clientID" label="Client ID" error={errors.fields.clientID}>
          {(a) => <input {...a} autoComplete="off" value={v.clientID} onChange={(e) => set('clientID', e.target.value)} />}
        </FormField>
        <FormField
          id="idp-client-secret"
          name="clientSecret"
          label="Client secret"
          hint={editing ? 'Leave empty to keep the stored secret.' : 'Stored encrypted; it cannot be read back.'}
          error={errors.fields.clientSecret}
        >
          {(a) => <input {...a} type="password" autoComplete="new-password" value={v.clientSecret} onChange={(e) => set('clientSecret', e.target.value)} />}
        </FormField>
      </div>
      <FormField id="idp-scopes" name="scopes" label="Scopes" hint="Separated by spaces; openid is always asked for." error={errors.fields.scopes}>
        {(a) => <input {...a} value={v.scopes} onChange={(e) => set('scopes', e.target.value)} />}
      </FormField>
      <fieldset className="field">
        <legend>Claim-to-role mapping</legend>
        {v.roleMappings.length === 0 && <p className="field-hint">No mapping: provisioned users become subscribers.</p>}
        {v.roleMappings.map((m, i) => (
          <div className="form-row" key={i}>
            <label>
              Claim <input aria-label={`Mapping ${i + 1} claim`} value={m.claim} onChange={(e) => setMapping(i, { claim: e.target.value })} />
            </label>
            <label>
              Value <input aria-label={`Mapping ${i + 1} value`} value={m.value} onChange={(e) => setMapping(i, { value: e.target.value })} />
            </label>
            <label>
              Role{' '}
              <select aria-label={`Mapping ${i + 1} role`} value={m.role} onChange={(e) => setMapping(i, { role: e.target.value as Role })}>
                {roles.map((r) => (
                  <option key={r.role} value={r.role}>
                    {r.label}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="button" onClick={() => set('roleMappings', v.roleMappings.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="button" onClick={() => set('roleMappings', [...v.roleMappings, { claim: 'groups', value: '', role: 'SUBSCRIBER' }])}>
          Add mapping
        </button>
        {errors.fields.roleMappings && <p className="field-error">{errors.fields.roleMappings}</p>}
      </fieldset>
      <div className="field">
        <label>
          <input type="checkbox" checked={v.jitProvisioning} onChange={(e) => set('jitProvisioning', e.target.checked)} /> Create users on first sign-in (just-in-time provisioning)
        </label>
        <label>
          <input type="checkbox" checked={v.enabled} onChange={(e) => set('enabled', e.target.checked)} /> Enabled (shown on the sign-in page)
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={submitting}>
          {editing ? 'Save identity provider' : 'Add identity provider'}
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
