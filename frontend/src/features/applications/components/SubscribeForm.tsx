import { useState, type FormEvent, type ReactNode } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { FormErrors } from '../../../lib/errors';
import '../applications.css';

export interface SubscribeFormValues {
  applicationID: string;
  tier: string;
}

export interface SubscribeFormProps {
  applications: { id: string; name: string }[];
  /** SUBSCRIPTION-level tiers. */
  tiers: { name: string; displayName: string; requiresApproval?: boolean }[];
  onSubmit: (values: SubscribeFormValues) => void;
  errors: FormErrors;
  submitting: boolean;
  /** Shown after a subscription succeeded. */
  notice?: ReactNode;
  /** Where to create an application (a link), shown when there is none. */
  createApplication?: ReactNode;
}

/**
 * Subscribes one of the viewer's applications to an API with a tier. An error about the API
 * (e.g. already subscribed) shows next to the application, the pair it is about.
 */
export function SubscribeForm({ applications, tiers, onSubmit, errors, submitting, notice, createApplication }: SubscribeFormProps) {
  const [values, setValues] = useState<SubscribeFormValues>({ applicationID: '', tier: '' });
  const [missing, setMissing] = useState<Partial<Record<keyof SubscribeFormValues, string>>>({});
  const applicationID = values.applicationID || applications[0]?.id || '';

  function submit(e: FormEvent) {
    e.preventDefault();
    const m: Partial<Record<keyof SubscribeFormValues, string>> = {};
    if (!applicationID) m.applicationID = 'Required.';
    if (!values.tier) m.tier = 'Required.';
    setMissing(m);
    if (Object.keys(m).length === 0) onSubmit({ applicationID, tier: values.tier });
  }

  return (
    <section className="section panel" aria-labelledby="subscribe-title">
      <h2 id="subscribe-title">Subscribe</h2>
      {applications.length === 0 ? (
        <p className="empty">You have no application yet. {createApplication}</p>
      ) : (
        <form className="form" onSubmit={submit} noValidate aria-label="Subscribe">
          {errors.banner && <Banner>{errors.banner}</Banner>}
          {notice && <Banner kind="success">{notice}</Banner>}
          <div className="form-row">
            <FormField id="subscribe-application" name="applicationID" label="Application" error={missing.applicationID ?? errors.fields.applicationID ?? errors.fields.apiID}>
              {(a) => (
                <select {...a} value={applicationID} onChange={(e) => setValues((v) => ({ ...v, applicationID: e.target.value }))}>
                  {applications.map((app) => (
                    <option key={app.id} value={app.id}>
                      {app.name}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id="subscribe-tier" name="tier" label="Subscription tier" error={missing.tier ?? errors.fields.tier}>
              {(a) => (
                <select {...a} value={values.tier} onChange={(e) => setValues((v) => ({ ...v, tier: e.target.value }))}>
                  <option value="">Choose a tier…</option>
                  {tiers.map((t) => (
                    <option key={t.name} value={t.name}>
                      {t.displayName || t.name}
                      {t.requiresApproval ? ' (requires approval)' : ''}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          </div>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={submitting}>
              {submitting ? 'Subscribing…' : 'Subscribe'}
            </button>
            {createApplication}
          </div>
        </form>
      )}
    </section>
  );
}
