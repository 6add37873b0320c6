import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { FormErrors } from '../../../lib/errors';

export interface RoleValues {
  name: string;
  description: string;
  permissions: string[];
}

export const emptyRole: RoleValues = { name: '', description: '', permissions: [] };

export interface PermissionOption {
  name: string;
  description: string;
}

interface Props {
  /** The role edited; emptyRole for a new one. */
  initial: RoleValues;
  /** Editing an existing role (the form says "Save" rather than "Create"). */
  existing: boolean;
  permissions: PermissionOption[];
  onSubmit: (v: RoleValues) => void;
  onCancel: () => void;
  errors: FormErrors;
  submitting: boolean;
}

/** The areas permissions belong to (the part before the colon), in the order the form shows them. */
const areas: { prefix: string; label: string }[] = [
  { prefix: 'api', label: 'APIs' },
  { prefix: 'service', label: 'Service Catalog' },
  { prefix: 'subscription', label: 'Subscriptions' },
  { prefix: 'analytics', label: 'Analytics' },
  { prefix: 'apps', label: 'Applications' },
  { prefix: 'admin', label: 'Administration' },
  { prefix: 'audit', label: 'Audit' },
];

/** Groups permissions by area, known areas first in their order, then any other area by name. */
export function groupByArea(permissions: PermissionOption[]): { label: string; permissions: PermissionOption[] }[] {
  const prefixOf = (p: PermissionOption) => p.name.split(':')[0] ?? p.name;
  const known = areas.map((a) => ({ label: a.label, permissions: permissions.filter((p) => prefixOf(p) === a.prefix) }));
  const others = [...new Set(permissions.map(prefixOf).filter((x) => !areas.some((a) => a.prefix === x)))]
    .sort()
    .map((x) => ({ label: x, permissions: permissions.filter((p) => prefixOf(p) === x) }));
  return [...known, ...others].filter((g) => g.permissions.length > 0);
}

/** Creates or edits a custom role: a name, a description and the permissions it grants. */
export function RoleForm({ initial, existing, permissions, onSubmit, onCancel, errors, submitting }: Props) {
  const [v, setV] = useState<RoleValues>(initial);
  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({ name: v.name.trim(), description: v.description.trim(), permissions: permissions.map((p) => p.name).filter((p) => v.permissions.includes(p)) });
  }
  const toggle = (p: string, on: boolean) => setV((o) => ({ ...o, permissions: on ? [...o.permissions, p] : o.permissions.filter((x) => x !== p) }));
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={existing ? `Edit role ${initial.name}` : 'New role'}>
      {errors.banner && <Banner>{errors.banner}</Banner>}
      <FormField id="role-name" name="name" label="Name" hint="Lower-case letters, digits, '-' and '_', e.g. api-designer." error={errors.fields.name}>
        {(a) => <input {...a} value={v.name} onChange={(e) => setV((o) => ({ ...o, name: e.target.value }))} />}
      </FormField>
      <FormField id="role-description" name="description" label="Description" error={errors.fields.description}>
        {(a) => <input {...a} value={v.description} onChange={(e) => setV((o) => ({ ...o, description: e.target.value }))} />}
      </FormField>
      <fieldset className="fieldset" aria-describedby={errors.fields.permissions ? 'role-permissions-error' : undefined}>
        <legend>Permissions</legend>
        {groupByArea(permissions).map((g) => (
          <fieldset key={g.label} className="fieldset">
            <legend>{g.label}</legend>
            {g.permissions.map((p) => (
              <div key={p.name} className="check-described">
                <label className="check">
                  <input type="checkbox" checked={v.permissions.includes(p.name)} onChange={(e) => toggle(p.name, e.target.checked)} aria-describedby={`perm-${p.name.replace(':', '-')}`} />
                  <code>{p.name}</code>
                </label>
                <span className="field-hint" id={`perm-${p.name.replace(':', '-')}`}>
                  {p.description}
                </span>
              </div>
            ))}
          </fieldset>
        ))}
        {errors.fields.permissions && (
          <p className="field-error" id="role-permissions-error" data-testid="field-error-permissions">
            {errors.fields.permissions}
          </p>
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={submitting}>
          {existing ? 'Save role' : 'Create role'}
        </button>{' '}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
