import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { FormErrors } from '../../../lib/errors';
import { splitList } from './lists';

/** The organization's built-in roles; custom role names are typed in. */
export const builtInRoles = ['admin', 'publisher', 'subscriber'] as const;

export interface ScopeValues {
  name: string;
  displayName: string;
  description: string;
  roles: string[];
}

export const emptyScope: ScopeValues = { name: '', displayName: '', description: '', roles: [] };

export interface ScopeFormProps {
  initial: ScopeValues;
  /** Editing an existing scope: its name is fixed. */
  existing?: boolean;
  onSubmit: (v: ScopeValues) => void;
  onCancel: () => void;
  errors: FormErrors;
  submitting?: boolean;
}

/** Creates or edits one scope of an API and the roles it is granted to. */
export function ScopeForm({ initial, existing, onSubmit, onCancel, errors, submitting }: ScopeFormProps) {
  const [v, setV] = useState<ScopeValues>(initial);
  const custom = initial.roles.filter((r) => !(builtInRoles as readonly string[]).includes(r));
  const [customRoles, setCustomRoles] = useState(custom.join(', '));
  const builtIn = v.roles.filter((r) => (builtInRoles as readonly string[]).includes(r));

  function toggle(role: string, on: boolean) {
    setV((o) => ({ ...o, roles: on ? [...o.roles, role] : o.roles.filter((r) => r !== role) }));
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    const roles = [...builtIn, ...splitList(customRoles)];
    onSubmit({ ...v, name: v.name.trim(), displayName: v.displayName.trim(), description: v.description.trim(), roles: [...new Set(roles)] });
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={existing ? `Edit scope ${initial.name}` : 'New scope'}>
      {errors.banner && <Banner>{errors.banner}</Banner>}
      <FormField id="scope-name" name="name" label="Name" hint="An OAuth 2.0 scope, e.g. pizza:order. It cannot be changed later." error={errors.fields.name}>
        {(a) => <input {...a} value={v.name} readOnly={existing} onChange={(e) => setV((o) => ({ ...o, name: e.target.value }))} />}
      </FormField>
      <FormField id="scope-display-name" name="displayName" label="Display name" error={errors.fields.displayName}>
        {(a) => <input {...a} value={v.displayName} onChange={(e) => setV((o) => ({ ...o, displayName: e.target.value }))} />}
      </FormField>
      <FormField id="scope-description" name="description" label="Description" error={errors.fields.description}>
        {(a) => <textarea {...a} rows={2} value={v.description} onChange={(e) => setV((o) => ({ ...o, description: e.target.value }))} />}
      </FormField>
      <fieldset className="fieldset">
        <legend>Roles allowed</legend>
        {builtInRoles.map((r) => (
          <label key={r} className="check">
            <input type="checkbox" checked={v.roles.includes(r)} onChange={(e) => toggle(r, e.target.checked)} /> {r}
          </label>
        ))}
        <FormField
          id="scope-custom-roles"
          name="roles"
          label="Other roles"
          hint="Custom role names, separated by commas. With no role at all, any user of the organization may be granted the scope."
          error={errors.fields.roles}
        >
          {(a) => <input {...a} value={customRoles} onChange={(e) => setCustomRoles(e.target.value)} />}
        </FormField>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={submitting}>
          {existing ? 'Save scope' : 'Create scope'}
        </button>{' '}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
