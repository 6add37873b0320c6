import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { FormErrors } from '../../../lib/errors';
import { slugify } from '../../../lib/slug';

export interface ImportApiValues {
  name: string;
  context: string;
  version: string;
  endpoint: string;
}

/** The form's first values from a validation report: the server's defaults, made visible. */
export function importDefaults(report: { title: string | null; version: string | null; servers: string[] }): ImportApiValues {
  const name = report.title?.trim() ?? '';
  return {
    name,
    context: slugify(name),
    version: report.version?.trim() ?? '',
    endpoint: report.servers.find((s) => /^https?:\/\//i.test(s)) ?? '',
  };
}

export interface ImportApiFormProps {
  initial: ImportApiValues;
  onSubmit: (values: ImportApiValues) => void;
  onCancel?: () => void;
  errors: FormErrors;
  submitting: boolean;
  /** False while the definition is invalid (or changed since it was validated). */
  canImport: boolean;
}

/**
 * Step two of the import: the API's name, context, version and endpoint, pre-filled from
 * the definition. A field left empty takes the server's default; the server's field
 * errors show next to the field they name.
 */
export function ImportApiForm({ initial, onSubmit, onCancel, errors, submitting, canImport }: ImportApiFormProps) {
  const [values, setValues] = useState<ImportApiValues>(initial);
  // The context follows the name until the publisher edits it.
  const [contextEdited, setContextEdited] = useState(false);

  const set = (key: keyof ImportApiValues) => (e: { target: { value: string } }) => {
    const v = e.target.value;
    if (key === 'context') setContextEdited(true);
    setValues((old) => ({ ...old, [key]: v, ...(key === 'name' && !contextEdited ? { context: slugify(v) } : {}) }));
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!canImport) return;
    onSubmit({ name: values.name.trim(), context: values.context.trim(), version: values.version.trim(), endpoint: values.endpoint.trim() });
  }

  const err = (k: keyof ImportApiValues) => errors.fields[k];

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="API settings">
      <h2>API settings</h2>
      {errors.banner && <Banner>{errors.banner}</Banner>}
      <FormField id="import-name" name="name" label="Name" hint="Defaults to the definition's title." error={err('name')}>
        {(a) => <input {...a} type="text" value={values.name} onChange={set('name')} autoComplete="off" />}
      </FormField>
      <FormField id="import-context" name="context" label="Context" hint="The URL path prefix at the gateway." error={err('context')}>
        {(a) => <input {...a} type="text" value={values.context} onChange={set('context')} autoComplete="off" />}
      </FormField>
      <FormField id="import-version" name="version" label="Version" hint="Defaults to the definition's info.version." error={err('version')}>
        {(a) => <input {...a} type="text" value={values.version} onChange={set('version')} autoComplete="off" />}
      </FormField>
      <FormField id="import-endpoint" name="endpoint" label="Endpoint" hint="The backend the gateway forwards to; defaults to the first absolute server URL." error={err('endpoint')}>
        {(a) => <input {...a} type="url" value={values.endpoint} onChange={set('endpoint')} autoComplete="off" />}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={!canImport || submitting}>
          {submitting ? 'Importing…' : 'Import'}
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
