import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { FormErrors } from '../../../lib/errors';

export interface SignUpValues {
  username: string;
  email: string;
  password: string;
}

interface Props {
  onSubmit: (v: SignUpValues) => void;
  errors: FormErrors;
  submitting: boolean;
}

/** Username, email and password, checked here for what the browser can tell; the server applies the full policy. */
export function SignUpForm({ onSubmit, errors, submitting }: Props) {
  const [v, setV] = useState<SignUpValues>({ username: '', email: '', password: '' });
  const [confirm, setConfirm] = useState('');
  const [local, setLocal] = useState<Partial<Record<keyof SignUpValues | 'confirm', string>>>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    const m: typeof local = {};
    if (!v.username.trim()) m.username = 'Required.';
    if (!v.email.trim()) m.email = 'Required.';
    if (v.password.length < 12) m.password = 'At least 12 characters.';
    if (confirm !== v.password) m.confirm = 'The passwords differ.';
    setLocal(m);
    if (Object.keys(m).length === 0) onSubmit({ username: v.username.trim(), email: v.email.trim(), password: v.password });
  }

  const set = (k: keyof SignUpValues) => (e: { target: { value: string } }) => setV((old) => ({ ...old, [k]: e.target.value }));
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Sign up">
      {errors.banner && <Banner>{errors.banner}</Banner>}
      <FormField id="signup-username" name="username" label="Username" error={local.username ?? errors.fields.username}>
        {(a) => <input {...a} type="text" autoComplete="username" value={v.username} onChange={set('username')} />}
      </FormField>
      <FormField id="signup-email" name="email" label="Email" error={local.email ?? errors.fields.email}>
        {(a) => <input {...a} type="email" autoComplete="email" value={v.email} onChange={set('email')} />}
      </FormField>
      <FormField
        id="signup-password"
        name="password"
        label="Password"
        hint="At least 12 characters; not your username, not a common password."
        error={local.password ?? errors.fields.password}
      >
        {(a) => <input {...a} type="password" autoComplete="new-password" value={v.password} onChange={set('password')} />}
      </FormField>
      <FormField id="signup-confirm" name="confirm" label="Repeat the password" error={local.confirm}>
        {(a) => <input {...a} type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={submitting}>
          {submitting ? 'Creating your account…' : 'Create account'}
        </button>
      </div>
    </form>
  );
}
