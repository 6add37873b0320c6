import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { ApplicationTokenType } from '../../../gql/graphql';
import type { FormErrors } from '../../../lib/errors';
import '../applications.css';

export interface ApplicationFormValues {
  name: string;
  description: string;
  throttlingTier: string;
  tokenType: ApplicationTokenType;
  /** The organization's required attributes, when it has any (create only). */
  attributes?: { key: string; value: string }[];
}

export interface Tier {
  name: string;
  displayName: string;
}

export interface ApplicationFormProps {
  /** Both modes offer the token type; a change applies to tokens issued afterwards. */
  mode: 'create' | 'edit';
  initial?: Partial<ApplicationFormValues>;
  /** APPLICATION-level throttling tiers. */
  tiers: Tier[];
  onSubmit: (values: ApplicationFormValues) => void;
  onCancel?: () => void;
  errors: FormErrors;
  submitting: boolean;
  /** Attribute keys the organization requires of every application (asked for at creation). */
  requiredAttributes?: string[];
}

/** Creates or edits an application; the server's field errors show next to their field. */
export function ApplicationForm({ mode, initial, tiers, onSubmit, onCancel, errors, submitting, requiredAttributes = [] }: ApplicationFormProps) {
  const defaultTier = tiers.find((t) => t.name === 'Unlimited')?.name ?? tiers[0]?.name ?? '';
  const [values, setValues] = useState<ApplicationFormValues>({
    name: initial?.name ?? '',
    description: initial?.description ?? '',
    throttlingTier: initial?.throttlingTier ?? '',
    tokenType: initial?.tokenType ?? 'JWT',
  });
  const [missing, setMissing] = useState<string | undefined>();
  const [attributes, setAttributes] = useState<Record<string, string>>({});
  const askAttributes = mode === 'create' && requiredAttributes.length > 0;
  // Until the user picks one, the tier select shows (and submits) the default tier.
  const tier = values.throttlingTier || defaultTier;

  const set = (key: keyof ApplicationFormValues) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!values.name.trim()) {
      setMissing('Required.');
      return;
    }
    setMissing(undefined);
    onSubmit({
      ...values,
      name: values.name.trim(),
      description: values.description.trim(),
      throttlingTier: tier,
      ...(askAttributes ? { attributes: requiredAttributes.map((key) => ({ key, value: (attributes[key] ?? '').trim() })) } : {}),
    });
  }

  const label = mode === 'create' ? 'Create application' : 'Edit application';
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={label}>
      {errors.banner && <Banner>{errors.banner}</Banner>}
      <FormField id="app-name" name="name" label="Name" error={missing ?? errors.fields.name}>
        {(a) => <input {...a} type="text" value={values.name} onChange={set('name')} autoComplete="off" />}
      </FormField>
      <FormField id="app-description" name="description" label="Description" error={errors.fields.description}>
        {(a) => <textarea {...a} rows={2} value={values.description} onChange={set('description')} />}
      </FormField>
      <FormField id="app-tier" name="throttlingTier" label="Throttling tier" hint="Caps the requests of all this application's subscriptions together." error={errors.fields.throttlingTier}>
        {(a) => (
          <select {...a} value={tier} onChange={set('throttlingTier')}>
            {tiers.map((t) => (
              <option key={t.name} value={t.name}>
                {t.displayName || t.name}
              </option>
            ))}
            {tier && !tiers.some((t) => t.name === tier) && <option value={tier}>{tier}</option>}
          </select>
        )}
      </FormField>
      <FormField
        id="app-token-type"
        name="tokenType"
        label="Token type"
        hint={
          mode === 'edit'
            ? 'Applies to tokens issued from now on; tokens already issued keep working until they expire.'
            : 'JWTs are checked by the gateway on its own; opaque reference tokens reveal nothing and are checked with the Key Manager (introspection).'
        }
        error={errors.fields.tokenType}
      >
        {(a) => (
          <select {...a} value={values.tokenType} onChange={set('tokenType')}>
            <option value="JWT">JWT</option>
            <option value="OPAQUE">Opaque reference token</option>
          </select>
        )}
      </FormField>
      {askAttributes && (
        <fieldset className="choice">
          <legend>Attributes your organization requires</legend>
          {requiredAttributes.map((key) => (
            <FormField key={key} id={`app-attr-${key}`} name={`attribute-${key}`} label={key}>
              {(a) => <input {...a} type="text" value={attributes[key] ?? ''} onChange={(e) => setAttributes((m) => ({ ...m, [key]: e.target.value }))} autoComplete="off" />}
            </FormField>
          ))}
          {errors.fields.attributes && (
            <p className="field-error" data-testid="field-error-attributes">
              {errors.fields.attributes}
            </p>
          )}
        </fieldset>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={submitting}>
          {mode === 'create' ? (submitting ? 'Creating…' : 'Create') : submitting ? 'Saving…' : 'Save'}
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
