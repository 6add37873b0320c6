import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';

export interface AssignableRole {
  name: string;
  description: string;
  builtIn: boolean;
}

interface Props {
  username: string;
  /** The roles the user holds now. */
  current: string[];
  roles: AssignableRole[];
  onSave: (roles: string[]) => void;
  onCancel: () => void;
  saving: boolean;
  /** Why the server refused (e.g. the organization's last admin), in words. */
  error: string | null;
}

/** Changes the roles of a user: a checkbox per role of the organization, built-in and custom. */
export function UserRolesDialog({ username, current, roles, onSave, onCancel, saving, error }: Props) {
  const [chosen, setChosen] = useState<string[]>(current);
  function submit(e: FormEvent) {
    e.preventDefault();
    onSave(roles.map((r) => r.name).filter((n) => chosen.includes(n)));
  }
  const toggle = (n: string, on: boolean) => setChosen((o) => (on ? [...o, n] : o.filter((x) => x !== n)));
  const group = (builtIn: boolean) => roles.filter((r) => r.builtIn === builtIn);
  return (
    <form className="panel" role="dialog" aria-label={`Roles of ${username}`} onSubmit={submit} noValidate>
      <h3>Roles of {username}</h3>
      {error && <Banner>{error}</Banner>}
      {[
        { legend: 'Built-in roles', list: group(true) },
        { legend: 'Custom roles', list: group(false) },
      ]
        .filter((g) => g.list.length > 0)
        .map((g) => (
          <fieldset key={g.legend} className="fieldset">
            <legend>{g.legend}</legend>
            {g.list.map((r) => (
              <div key={r.name} className="check-described">
                <label className="check">
                  <input type="checkbox" checked={chosen.includes(r.name)} onChange={(e) => toggle(r.name, e.target.checked)} /> {r.name}
                </label>
                {r.description && <span className="field-hint">{r.description}</span>}
              </div>
            ))}
          </fieldset>
        ))}
      <p className="muted">The change applies to {username}'s next request.</p>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save roles'}
        </button>{' '}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
