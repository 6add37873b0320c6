import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { ServiceEntrySecurityType } from '../../../gql/graphql';
import type { FormErrors } from '../../../lib/errors';
import { securityTypeLabels, securityTypes } from '../labels';

export interface ServiceFormValues {
  name: string;
  version: string;
  displayName: string;
  description: string;
  serviceURL: string;
  securityType: ServiceEntrySecurityType;
  mutualTLS: boolean;
  definition: string;
}

export const emptyService: ServiceFormValues = {
  name: '',
  version: '',
  displayName: '',
  description: '',
  serviceURL: '',
  securityType: 'NONE',
  mutualTLS: false,
  definition: '',
};

type TextKey = 'name' | 'version' | 'displayName' | 'description' | 'serviceURL' | 'definition';
const required: TextKey[] = ['name', 'version', 'serviceURL', 'definition'];

export interface ServiceFormProps {
  /** create: register a new service; edit: change one (name and version stay). */
  mode: 'create' | 'edit';
  initial?: ServiceFormValues;
  onSubmit: (values: ServiceFormValues) => void;
  onCancel?: () => void;
  errors: FormErrors;
  submitting: boolean;
}

/**
 * Registers or edits a catalog service. Only required fields are checked here; the server
 * owns the rules (the definition's type is detected from the document) and its field errors
 * show next to the field they name (the server calls the URL field `serviceUrl`).
 */
export function ServiceForm({ mode, initial = emptyService, onSubmit, onCancel, errors, submitting }: ServiceFormProps) {
  const [values, setValues] = useState<ServiceFormValues>(initial);
  const [missing, setMissing] = useState<Partial<Record<TextKey, string>>>({});
  const [fileError, setFileError] = useState<string | null>(null);
  const editing = mode === 'edit';

  const set = (key: TextKey) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));

  async function readFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    setFileError(null);
    if (!file) return;
    try {
      const text = await file.text();
      setValues((v) => ({ ...v, definition: text }));
      setMissing((m) => ({ ...m, definition: undefined }));
    } catch {
      setFileError(`${file.name} could not be read.`);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const m: Partial<Record<TextKey, string>> = {};
    for (const k of required) if (!values[k].trim()) m[k] = 'Required.';
    setMissing(m);
    if (Object.keys(m).length > 0) return;
    onSubmit({
      ...values,
      name: values.name.trim(),
      version: values.version.trim(),
      displayName: values.displayName.trim(),
      serviceURL: values.serviceURL.trim(),
    });
  }

  const server = errors.fields;
  const err = (k: TextKey, ...serverNames: string[]) => missing[k] ?? serverNames.map((n) => server[n]).find(Boolean);

  return (
    <form className="form wide catalog-form" onSubmit={submit} noValidate aria-label={editing ? 'Edit service' : 'Register service'}>
      {errors.banner && <Banner>{errors.banner}</Banner>}
      <div className="catalog-form-row">
        <FormField id="service-name" name="name" label="Name" hint={editing ? 'The name cannot change.' : undefined} error={err('name', 'name')}>
          {(a) => <input {...a} type="text" value={values.name} onChange={set('name')} readOnly={editing} autoComplete="off" />}
        </FormField>
        <FormField id="service-version" name="version" label="Version" hint={editing ? 'The version cannot change.' : undefined} error={err('version', 'version')}>
          {(a) => <input {...a} type="text" value={values.version} onChange={set('version')} readOnly={editing} autoComplete="off" placeholder="1.0.0" />}
        </FormField>
      </div>
      <FormField id="service-display-name" name="displayName" label="Display name" error={err('displayName', 'displayName')}>
        {(a) => <input {...a} type="text" value={values.displayName} onChange={set('displayName')} autoComplete="off" />}
      </FormField>
      <FormField id="service-description" name="description" label="Description" error={err('description', 'description')}>
        {(a) => <textarea {...a} rows={2} value={values.description} onChange={set('description')} />}
      </FormField>
      <FormField
        id="service-url"
        name="serviceUrl"
        label="Service URL"
        hint="Where the service runs, e.g. http://orders.internal:8080. APIs built from it forward there."
        error={err('serviceURL', 'serviceUrl', 'serviceURL')}
      >
        {(a) => <input {...a} type="url" value={values.serviceURL} onChange={set('serviceURL')} autoComplete="off" />}
      </FormField>
      <div className="catalog-form-row">
        <FormField id="service-security-type" name="securityType" label="Security type" error={server.securityType}>
          {(a) => (
            <select
              {...a}
              value={values.securityType}
              onChange={(e) => setValues((v) => ({ ...v, securityType: e.target.value as ServiceEntrySecurityType }))}
            >
              {securityTypes.map((t) => (
                <option key={t} value={t}>
                  {securityTypeLabels[t]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <div className={server.mutualTLS ? 'field catalog-check invalid' : 'field catalog-check'}>
          <label>
            <input
              type="checkbox"
              name="mutualTLS"
              checked={values.mutualTLS}
              onChange={(e) => setValues((v) => ({ ...v, mutualTLS: e.target.checked }))}
            />{' '}
            Mutual TLS
          </label>
          {server.mutualTLS && (
            <p className="field-error" data-testid="field-error-mutualTLS">
              {server.mutualTLS}
            </p>
          )}
        </div>
      </div>
      <FormField
        id="service-definition-file"
        name="definitionFile"
        label="Definition file"
        hint="OpenAPI (2 or 3), GraphQL SDL, AsyncAPI or WSDL; its text goes into Definition below."
        error={fileError ?? undefined}
      >
        {(a) => <input {...a} type="file" accept=".yaml,.yml,.json,.graphql,.graphqls,.gql,.wsdl,.xml,.txt" onChange={(e) => void readFile(e)} />}
      </FormField>
      <FormField id="service-definition" name="definition" label="Definition" error={err('definition', 'definition', 'definitionType')}>
        {(a) => <textarea {...a} className="code" rows={14} spellCheck={false} value={values.definition} onChange={set('definition')} />}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={submitting}>
          {editing ? (submitting ? 'Saving…' : 'Save') : submitting ? 'Registering…' : 'Register'}
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
