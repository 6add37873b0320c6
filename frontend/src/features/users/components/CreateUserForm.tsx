import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { Role } from '../../../gql/graphql';
import type { FormErrors } from '../../../lib/errors';

export interface CreateUserValues {
  username: string;
  email: string;
  password: string;
  roles: Role[];
  /** Custom roles, given in addition to the built-in ones. */
  roleNames: string[];
  /** The user must choose a new password at the first sign-in. */
  temporaryPassword: boolean;
}

interface Props {
  onSubmit: (v: CreateUserValues) => void;
  errors: FormErrors;
  submitting: boolean;
  notice: string | null;
  /** The organization's custom roles. */
  customRoles?: { name: string; description: string }[];
}

const allRoles: { role: Role; label: string }[] = [
  { role: 'ADMIN', label: 'Admin' },
  { role: 'PUBLISHER', label: 'Publisher' },
  { role: 'SUBSCRIBER', label: 'Subscriber' },
];

/** An admin adds a user; the server applies the same password policy as sign-up. */
export function CreateUserForm({ onSubmit, errors, submitting, notice, customRoles = [] }: Props) {
  const [v, setV] = useState<CreateUserValues>({ username: '', email: '', password: '', roles: ['SUBSCRIBER'], roleNames: [], temporaryPassword: false });
  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({ ...v, username: v.username.trim(), email: v.email.trim() });
  }
  const toggle = (r: Role, on: boolean) => setV((o) => ({ ...o, roles: on ? [...o.roles, r] : o.roles.filter((x) => x !== r) }));
  const toggleCustom = (r: string, on: boolean) => setV((o) => ({ ...o, roleNames: on ? [...o.roleNames, r] : o.roleNames.filter((x) => x !== r) }));
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Create user">
      {errors.banner && <Banner>{errors.banner}</Banner>}
      {notice && <Banner kind="success">{notice}</Banner>}
      <div className="form-row">
        <FormField id="user-username" name="username" label="Username" error={errors.fields.username}>
          {(a) => <input {...a} value={v.username} onChange={(e) => setV((o) => ({ ...o, username: e.target.value }))} />}
        </FormField>
        <FormField id="user-email" name="email" label="Email" error={errors.fields.email}>
          {(a) => <input {...a} type="email" value={v.email} onChange={(e) => setV((o) => ({ ...o, email: e.target.value }))} />}
        </FormField>
        <FormField id="user-password" name="password" label="Initial password" hint="At least 12 characters; not the username, not a common password." error={errors.fields.password}>
          {(a) => <input {...a} type="password" autoComplete="new-password" value={v.password} onChange={(e) => setV((o) => ({ ...o, password: e.target.value }))} />}
        </FormField>
      </div>
      <fieldset className="field">
        <legend>Roles</legend>
        {allRoles.map((r) => (
          <label key={r.role}>
            <input type="checkbox" checked={v.roles.includes(r.role)} onChange={(e) => toggle(r.role, e.target.checked)} /> {r.label}{' '}
          </label>
        ))}
        {customRoles.map((r) => (
          <label key={r.name} title={r.description}>
            <input type="checkbox" checked={v.roleNames.includes(r.name)} onChange={(e) => toggleCustom(r.name, e.target.checked)} /> {r.name}{' '}
          </label>
        ))}
        {errors.fields.roles && <p className="field-error">{errors.fields.roles}</p>}
        {errors.fields.roleNames && <p className="field-error">{errors.fields.roleNames}</p>}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={v.temporaryPassword} onChange={(e) => setV((o) => ({ ...o, temporaryPassword: e.target.checked }))} /> Temporary password: the user must change it at the first sign-in
      </label>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={submitting}>
          {submitting ? 'Creating…' : 'Create user'}
        </button>
      </div>
    </form>
  );
}
