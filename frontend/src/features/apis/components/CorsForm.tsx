import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { CorsInput } from '../../../gql/graphql';
import type { FormErrors } from '../../../lib/errors';
import { joinList, splitList } from './lists';

export interface CorsFormProps {
  initial: CorsInput;
  onSubmit: (v: CorsInput) => void;
  errors: FormErrors;
  submitting: boolean;
}

/** The API's CORS policy; the gateway applies it from the next deployment. */
export function CorsForm({ initial, onSubmit, errors, submitting }: CorsFormProps) {
  const [enabled, setEnabled] = useState(initial.enabled);
  const [origins, setOrigins] = useState(joinList(initial.allowOrigins));
  const [methods, setMethods] = useState(joinList(initial.allowMethods));
  const [headers, setHeaders] = useState(joinList(initial.allowHeaders));
  const [expose, setExpose] = useState(joinList(initial.exposeHeaders));
  const [credentials, setCredentials] = useState(Boolean(initial.allowCredentials));
  const [maxAge, setMaxAge] = useState(String(initial.maxAgeSeconds ?? 0));

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({
      enabled,
      allowOrigins: splitList(origins),
      allowMethods: splitList(methods),
      allowHeaders: splitList(headers),
      exposeHeaders: splitList(expose),
      allowCredentials: credentials,
      maxAgeSeconds: Number.parseInt(maxAge, 10) || 0,
    });
  }
  const f = errors.fields;
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="CORS">
      {errors.banner && <Banner>{errors.banner}</Banner>}
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Enable CORS at the gateway
      </label>
      <FormField id="cors-origins" name="allowOrigins" label="Allowed origins" hint="e.g. https://app.example.com, or * for any" error={f.allowOrigins}>
        {(a) => <input {...a} type="text" value={origins} onChange={(e) => setOrigins(e.target.value)} />}
      </FormField>
      <FormField id="cors-methods" name="allowMethods" label="Allowed methods" hint="Empty: GET, HEAD, POST" error={f.allowMethods}>
        {(a) => <input {...a} type="text" value={methods} onChange={(e) => setMethods(e.target.value)} />}
      </FormField>
      <FormField id="cors-headers" name="allowHeaders" label="Allowed headers" error={f.allowHeaders}>
        {(a) => <input {...a} type="text" value={headers} onChange={(e) => setHeaders(e.target.value)} />}
      </FormField>
      <FormField id="cors-expose" name="exposeHeaders" label="Exposed headers" error={f.exposeHeaders}>
        {(a) => <input {...a} type="text" value={expose} onChange={(e) => setExpose(e.target.value)} />}
      </FormField>
      <label className="check">
        <input type="checkbox" checked={credentials} onChange={(e) => setCredentials(e.target.checked)} /> Allow credentials
      </label>
      {f.allowCredentials && <p className="field-error">{f.allowCredentials}</p>}
      <FormField id="cors-max-age" name="maxAgeSeconds" label="Preflight max age (seconds)" error={f.maxAgeSeconds}>
        {(a) => <input {...a} type="number" min={0} max={86400} value={maxAge} onChange={(e) => setMaxAge(e.target.value)} />}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={submitting}>
          {submitting ? 'Saving…' : 'Save CORS'}
        </button>
      </div>
    </form>
  );
}
