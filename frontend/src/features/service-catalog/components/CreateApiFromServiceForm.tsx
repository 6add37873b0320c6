import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { FormErrors } from '../../../lib/errors';
import { slugify } from '../../../lib/slug';

export interface CreateApiFromServiceValues {
  name: string;
  context: string;
  version: string;
}

export interface CreateApiFromServiceFormProps {
  /** The service's name and version: the form starts from them. */
  defaults: { name: string; version: string };
  onSubmit: (values: CreateApiFromServiceValues) => void;
  errors: FormErrors;
  submitting: boolean;
}

/**
 * Builds a managed API from the service, pre-filled from the entry (name, a context made
 * from it, version); the endpoint and the definition come from the service itself.
 */
export function CreateApiFromServiceForm({ defaults, onSubmit, errors, submitting }: CreateApiFromServiceFormProps) {
  const [values, setValues] = useState<CreateApiFromServiceValues>({
    name: defaults.name,
    context: slugify(defaults.name),
    version: defaults.version,
  });
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
        <FormField id="create-api-name" name="name" label="Name" hint="From the service; change it if you like." error={errors.fields.name}>
          {(a) => <input {...a} type="text" value={values.name} onChange={set('name')} placeholder={defaults.name} autoComplete="off" />}
        </FormField>
        <FormField
          id="create-api-context"
          name="context"
          label="Context"
          hint="The URL path prefix at the gateway."
          error={errors.fields.context}
        >
          {(a) => <input {...a} type="text" value={values.context} onChange={set('context')} autoComplete="off" />}
        </FormField>
        <FormField id="create-api-version" name="version" label="Version" hint="From the service's version." error={errors.fields.version}>
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
