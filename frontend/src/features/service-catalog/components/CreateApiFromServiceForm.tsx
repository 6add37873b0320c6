import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { FormErrors } from '../../../lib/errors';

export interface CreateApiFromServiceValues {
  name: string;
  context: string;
  version: string;
}

export interface CreateApiFromServiceFormProps {
  /** What the server uses for a field left empty. */
  defaults: { name: string; version: string };
  onSubmit: (values: CreateApiFromServiceValues) => void;
  errors: FormErrors;
  submitting: boolean;
}

/** Builds a managed API from the service; every field is optional (the server fills it in). */
export function CreateApiFromServiceForm({ defaults, onSubmit, errors, submitting }: CreateApiFromServiceFormProps) {
  const [values, setValues] = useState<CreateApiFromServiceValues>({ name: '', context: '', version: '' });
  const set = (key: keyof CreateApiFromServiceValues) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({ name: values.name.trim(), context: values.context.trim(), version: values.version.trim() });
  }

  return (
    <form className="form catalog-create-api" onSubmit={submit} noValidate aria-label="Create API">
      {errors.banner && <Banner>{errors.banner}</Banner>}
      <div className="catalog-form-row">
        <FormField id="create-api-name" name="name" label="Name" hint={`Optional; default: ${defaults.name}.`} error={errors.fields.name}>
          {(a) => <input {...a} type="text" value={values.name} onChange={set('name')} placeholder={defaults.name} autoComplete="off" />}
        </FormField>
        <FormField
          id="create-api-context"
          name="context"
          label="Context"
          hint="Optional; the URL path prefix at the gateway. Default: a slug of the name."
          error={errors.fields.context}
        >
          {(a) => <input {...a} type="text" value={values.context} onChange={set('context')} autoComplete="off" />}
        </FormField>
        <FormField id="create-api-version" name="version" label="Version" hint={`Optional; default: ${defaults.version}.`} error={errors.fields.version}>
          {(a) => <input {...a} type="text" value={values.version} onChange={set('version')} placeholder={defaults.version} autoComplete="off" />}
        </FormField>
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={submitting}>
          {submitting ? 'Creating…' : 'Create API'}
        </button>
      </div>
    </form>
  );
}
