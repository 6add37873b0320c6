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
  /** HTTP, WS (WebSocket) or ASYNC; GraphQL and SOAP APIs are imported from their SDL or WSDL. */
  type: ApiKind;
  /** WebSocket or async topics, one a line. */
  topics: string;
}

export type ApiKind = 'HTTP' | 'WS' | 'ASYNC';

const empty: ApiFormValues = { name: '', context: '', version: '1.0.0', endpoint: '', description: '', type: 'HTTP', topics: '' };
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

  const set = (key: Exclude<keyof ApiFormValues, 'type'>) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const m: Partial<Record<keyof ApiFormValues, string>> = {};
    for (const k of required) if (!values[k].trim() && !(k === 'endpoint' && values.type === 'ASYNC')) m[k] = 'Required.';
    if (values.type === 'WS' && !values.topics.trim()) m.topics = 'A WebSocket API needs at least one topic.';
    if (values.type === 'ASYNC' && !values.topics.trim()) m.topics = 'An async API needs at least one channel.';
    setMissing(m);
    if (Object.keys(m).length === 0) onSubmit({ ...values, name: values.name.trim(), context: values.context.trim(), version: values.version.trim(), endpoint: values.endpoint.trim() });
  }

  const err = (k: keyof ApiFormValues) => missing[k] ?? errors.fields[k];

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Create API">
      {errors.banner && <Banner>{errors.banner}</Banner>}
      <FormField id="api-type" name="type" label="Kind" hint="GraphQL and SOAP APIs are created from their SDL or WSDL: use Import." error={err('type')}>
        {(a) => (
          <select {...a} value={values.type} onChange={(e) => setValues((v) => ({ ...v, type: e.target.value as ApiKind }))}>
            <option value="HTTP">REST / HTTP</option>
            <option value="WS">WebSocket</option>
            <option value="ASYNC">Async (AsyncAPI, without a definition yet)</option>
          </select>
        )}
      </FormField>
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
      {values.type !== 'HTTP' && (
        <FormField
          id="api-topics"
          name="topics"
          label="Topics"
          hint="One a line, e.g. /notifications or /rooms/{room}; clients open the WebSocket on /context/version/topic."
          error={err('topics')}
        >
          {(a) => <textarea {...a} rows={3} value={values.topics} onChange={set('topics')} />}
        </FormField>
      )}
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
