import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';

export interface SignInFormProps {
  onSubmit: (username: string, password: string) => void;
  error: string | null;
  submitting: boolean;
}

export function SignInForm({ onSubmit, error, submitting }: SignInFormProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit(username.trim(), password);
  }

  return (
    <form className="form" onSubmit={submit} aria-label="Sign in">
      {error && <Banner>{error}</Banner>}
      <div className="field">
        <label htmlFor="signin-username">Username</label>
        <input id="signin-username" name="username" type="text" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="signin-password">Password</label>
        <input id="signin-password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={submitting}>
          Sign in
        </button>
      </div>
    </form>
  );
}
