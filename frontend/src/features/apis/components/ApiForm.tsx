import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { FormErrors } from '../../../lib/errors';

export interface ApiFormValues {
  name: string;
  context: string;
  version: string;
  endpoint: string;
  description: string;
}

const empty: ApiFormValues = { name: '', context: '', version: '1.0.0', endpoint: '', description: '' };
const required: (keyof ApiFormValues)[] = ['name', 'context', 'version', 'endpoint'];

export interface ApiFormProps {
  onSubmit: (values: ApiFormValues) => void;
  onCancel?: () => void;
  errors: FormErrors;
  submitting: boolean;
}

/**
 * The form that creates an API. It checks only that required fields are filled; the
 * server owns the real rules and its field errors show next to the field they name.
 */
export function ApiForm({ onSubmit, onCancel, errors, submitting }: ApiFormProps) {
  const [values, setValues] = useState<ApiFormValues>(empty);
  const [missing, setMissing] = useState<Partial<Record<keyof ApiFormValues, string>>>({});

  const set = (key: keyof ApiFormValues) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const m: Partial<Record<keyof ApiFormValues, string>> = {};
    for (const k of required) if (!values[k].trim()) m[k] = 'Required.';
    setMissing(m);
    if (Object.keys(m).length === 0) onSubmit({ ...values, name: values.name.trim(), context: values.context.trim(), version: values.version.trim(), endpoint: values.endpoint.trim() });
  }

  const err = (k: keyof ApiFormValues) => missing[k] ?? errors.fields[k];

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Create API">
      {errors.banner && <Banner>{errors.banner}</Banner>}
      <FormField id="api-name" name="name" label="Name" error={err('name')}>
        {(a) => <input {...a} type="text" value={values.name} onChange={set('name')} autoComplete="off" />}
      </FormField>
      <FormField id="api-context" name="context" label="Context" hint="The URL path prefix at the gateway, e.g. pizzashack." error={err('context')}>
        {(a) => <input {...a} type="text" value={values.context} onChange={set('context')} autoComplete="off" />}
      </FormField>
      <FormField id="api-version" name="version" label="Version" error={err('version')}>
        {(a) => <input {...a} type="text" value={values.version} onChange={set('version')} autoComplete="off" />}
      </FormField>
      <FormField id="api-endpoint" name="endpoint" label="Endpoint" hint="The backend URL the gateway forwards to, e.g. http://backend.internal:8080." error={err('endpoint')}>
        {(a) => <input {...a} type="url" value={values.endpoint} onChange={set('endpoint')} autoComplete="off" />}
      </FormField>
      <FormField id="api-description" name="description" label="Description" error={err('description')}>
        {(a) => <textarea {...a} rows={3} value={values.description} onChange={set('description')} />}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={submitting}>
          {submitting ? 'Creating…' : 'Create'}
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
