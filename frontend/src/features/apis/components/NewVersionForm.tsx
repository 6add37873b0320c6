import { type FormEvent, useState } from 'react';

interface Props {
  currentVersion: string;
  onCreate: (version: string, isDefault: boolean) => void;
  creating: boolean;
  /** Error on the version field, from the server. */
  versionError: string | null;
  error: string | null;
}

/** Copies the API, with its resources and definition, as a new version. */
export function NewVersionForm({ currentVersion, onCreate, creating, versionError, error }: Props) {
  const [version, setVersion] = useState('');
  const [isDefault, setIsDefault] = useState(false);

  function submit(e: FormEvent) {
    e.preventDefault();
    onCreate(version.trim(), isDefault);
  }

  return (
    <section className="panel" aria-labelledby="new-version-title">
      <h2 id="new-version-title">Versions</h2>
      <form onSubmit={submit}>
        <label htmlFor="new-version">New version</label>
        <input
          id="new-version"
          value={version}
          onChange={(e) => setVersion(e.target.value)}
          placeholder={`after ${currentVersion}`}
          aria-invalid={versionError ? true : undefined}
          aria-describedby={versionError ? 'new-version-error' : undefined}
          required
        />
        {versionError && (
          <p id="new-version-error" className="field-error">
            {versionError}
          </p>
        )}
        <label>
          <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} /> Make it the default
          version
        </label>
        <button type="submit" className="button" disabled={creating || version.trim() === ''}>
          {creating ? 'Creating…' : 'Create new version'}
        </button>
      </form>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </section>
  );
}
