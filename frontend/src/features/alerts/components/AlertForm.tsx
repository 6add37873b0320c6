import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { AlertMetric, AlertScope } from '../../../gql/graphql';
import type { FormErrors } from '../../../lib/errors';
import { metricLabels } from '../format';

export interface AlertFormValues {
  name: string;
  metric: AlertMetric;
  scope: AlertScope;
  targetID: string;
  threshold: number;
  windowSeconds: number;
  webhookURL: string;
  enabled: boolean;
}

export interface Target {
  id: string;
  name: string;
}

export interface AlertFormProps {
  mode: 'create' | 'edit';
  initial?: Partial<AlertFormValues>;
  /** The APIs a rule can watch. */
  apis: Target[];
  onSubmit: (values: AlertFormValues) => void;
  onCancel: () => void;
  errors: FormErrors;
  submitting: boolean;
}

/** Checks what the browser can before asking the server, which checks it all again. */
export function validateAlert(v: {
  name: string;
  metric: AlertMetric;
  targetID: string;
  threshold: string;
  windowMinutes: string;
  webhookURL: string;
}): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.name.trim()) errors.name = 'Required.';
  if (!v.targetID.trim()) errors.targetID = 'Required.';
  const threshold = Number(v.threshold);
  if (v.threshold.trim() === '' || !Number.isFinite(threshold) || threshold < 0) {
    errors.threshold = 'A number, zero or more.';
  } else if (v.metric !== 'P95_LATENCY' && threshold > 100) {
    errors.threshold = 'A percentage is at most 100.';
  }
  const minutes = Number(v.windowMinutes);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) errors.windowSeconds = 'Whole minutes, 1 to 1440.';
  const url = v.webhookURL.trim();
  if (url) {
    let ok = false;
    try {
      const u = new URL(url);
      ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
    } catch {
      ok = false;
    }
    if (!ok) errors.webhookURL = 'An http or https URL.';
  }
  return errors;
}

/** Creates or edits an alert rule; field errors from the browser or the server show next to their field. */
export function AlertForm({ mode, initial, apis, onSubmit, onCancel, errors, submitting }: AlertFormProps) {
  const [name, setName] = useState(initial?.name ?? '');
  const [metric, setMetric] = useState<AlertMetric>(initial?.metric ?? 'ERROR_RATE');
  const [scope, setScope] = useState<AlertScope>(initial?.scope ?? 'API');
  const [targetID, setTargetID] = useState(initial?.targetID ?? '');
  const [threshold, setThreshold] = useState(initial?.threshold !== undefined ? String(initial.threshold) : '5');
  const [windowMinutes, setWindowMinutes] = useState(
    initial?.windowSeconds !== undefined ? String(initial.windowSeconds / 60) : '5',
  );
  const [webhookURL, setWebhookURL] = useState(initial?.webhookURL ?? '');
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);
  const [local, setLocal] = useState<Record<string, string>>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    const problems = validateAlert({ name, metric, targetID, threshold, windowMinutes, webhookURL });
    setLocal(problems);
    if (Object.keys(problems).length) return;
    onSubmit({
      name: name.trim(),
      metric,
      scope,
      targetID: targetID.trim(),
      threshold: Number(threshold),
      windowSeconds: Number(windowMinutes) * 60,
      webhookURL: webhookURL.trim(),
      enabled,
    });
  }

  const err = (field: string) => local[field] ?? errors.fields[field];
  const label = mode === 'create' ? 'Create alert' : 'Edit alert';
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={label}>
      {errors.banner && <Banner>{errors.banner}</Banner>}
      <FormField id="alert-name" name="name" label="Name" error={err('name')}>
        {(a) => <input {...a} type="text" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
      </FormField>
      <FormField id="alert-metric" name="metric" label="Metric" error={err('metric')}>
        {(a) => (
          <select {...a} value={metric} onChange={(e) => setMetric(e.target.value as AlertMetric)}>
            {(Object.keys(metricLabels) as AlertMetric[]).map((m) => (
              <option key={m} value={m}>
                {metricLabels[m]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="alert-scope" name="scope" label="Watch" error={err('scope')}>
        {(a) => (
          <select
            {...a}
            value={scope}
            onChange={(e) => {
              setScope(e.target.value as AlertScope);
              setTargetID('');
            }}
          >
            <option value="API">An API</option>
            <option value="APPLICATION">An application</option>
          </select>
        )}
      </FormField>
      {scope === 'API' ? (
        <FormField id="alert-target" name="targetID" label="API" error={err('targetID')}>
          {(a) => (
            <select {...a} value={targetID} onChange={(e) => setTargetID(e.target.value)}>
              <option value="">Choose an API…</option>
              {apis.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
      ) : (
        <FormField
          id="alert-target"
          name="targetID"
          label="Application ID"
          hint="The application's id, as shown on its page in the developer portal."
          error={err('targetID')}
        >
          {(a) => <input {...a} type="text" value={targetID} onChange={(e) => setTargetID(e.target.value)} autoComplete="off" />}
        </FormField>
      )}
      <FormField
        id="alert-threshold"
        name="threshold"
        label="Threshold"
        hint={metric === 'P95_LATENCY' ? 'Milliseconds.' : 'Percent.'}
        error={err('threshold')}
      >
        {(a) => <input {...a} type="number" min={0} step="any" value={threshold} onChange={(e) => setThreshold(e.target.value)} />}
      </FormField>
      <FormField id="alert-window" name="windowSeconds" label="Window (minutes)" error={err('windowSeconds')}>
        {(a) => (
          <input {...a} type="number" min={1} max={1440} value={windowMinutes} onChange={(e) => setWindowMinutes(e.target.value)} />
        )}
      </FormField>
      <FormField
        id="alert-webhook"
        name="webhookURL"
        label="Webhook URL"
        hint="Optional. Receives a JSON POST when the alert fires and when it resolves."
        error={err('webhookURL')}
      >
        {(a) => <input {...a} type="url" value={webhookURL} onChange={(e) => setWebhookURL(e.target.value)} autoComplete="off" />}
      </FormField>
      <div className="field">
        <label>
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Enabled
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={submitting}>
          {mode === 'create' ? 'Create alert' : 'Save alert'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
