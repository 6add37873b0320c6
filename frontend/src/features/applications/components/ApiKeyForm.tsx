import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { FormErrors } from '../../../lib/errors';

export interface ApiKeyFormValues {
  keyType: 'PRODUCTION' | 'SANDBOX';
  name: string;
  validityDays: number;
  allowedIPs: string[];
  allowedReferers: string[];
  replacesKeyID: string | null;
  graceSeconds: number;
}

interface Props {
  /** Keys that a new one may replace (rotation). */
  replaceable: { id: string; label: string }[];
  onSubmit: (v: ApiKeyFormValues) => void;
  errors: FormErrors;
  submitting: boolean;
}

const list = (s: string) =>
  s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Asks for a new API key: type, validity, optional IP and Referer restrictions, optional rotation. */
export function ApiKeyForm({ replaceable, onSubmit, errors, submitting }: Props) {
  const [keyType, setKeyType] = useState<'PRODUCTION' | 'SANDBOX'>('PRODUCTION');
  const [name, setName] = useState('');
  const [days, setDays] = useState('365');
  const [ips, setIps] = useState('');
  const [referers, setReferers] = useState('');
  const [replaces, setReplaces] = useState('');
  const [graceHours, setGraceHours] = useState('24');
  const [local, setLocal] = useState<Record<string, string>>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    const m: Record<string, string> = {};
    const d = Number(days);
    if (!Number.isInteger(d) || d < 1 || d > 3650) m.validityDays = 'A whole number of days, 1 to 3650.';
    const g = Number(graceHours);
    if (replaces && (!Number.isFinite(g) || g < 0 || g > 720)) m.graceSeconds = '0 to 720 hours.';
    setLocal(m);
    if (Object.keys(m).length > 0) return;
    onSubmit({
      keyType,
      name: name.trim(),
      validityDays: d,
      allowedIPs: list(ips),
      allowedReferers: list(referers),
      replacesKeyID: replaces || null,
      graceSeconds: replaces ? Math.round(g * 3600) : 0,
    });
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Generate API key">
      {errors.banner && <Banner>{errors.banner}</Banner>}
      <div className="form-row">
        <FormField id="apikey-type" name="keyType" label="Key type" error={errors.fields.keyType}>
          {(a) => (
            <select {...a} value={keyType} onChange={(e) => setKeyType(e.target.value as 'PRODUCTION' | 'SANDBOX')}>
              <option value="PRODUCTION">Production</option>
              <option value="SANDBOX">Sandbox</option>
            </select>
          )}
        </FormField>
        <FormField id="apikey-name" name="name" label="Name (optional)" error={errors.fields.name}>
          {(a) => <input {...a} value={name} maxLength={70} onChange={(e) => setName(e.target.value)} />}
        </FormField>
        <FormField id="apikey-days" name="validityDays" label="Valid for (days)" error={local.validityDays ?? errors.fields.validityDays}>
          {(a) => <input {...a} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />}
        </FormField>
      </div>
      <FormField id="apikey-ips" name="allowedIPs" label="Allowed IP addresses (optional)" hint="Addresses or CIDR ranges, separated by commas or spaces." error={errors.fields.allowedIPs}>
        {(a) => <input {...a} value={ips} onChange={(e) => setIps(e.target.value)} placeholder="203.0.113.0/24" />}
      </FormField>
      <FormField id="apikey-referers" name="allowedReferers" label="Allowed HTTP referrers (optional)" hint="Patterns such as *.example.com/*; * matches anything." error={errors.fields.allowedReferers}>
        {(a) => <input {...a} value={referers} onChange={(e) => setReferers(e.target.value)} placeholder="www.example.com/*" />}
      </FormField>
      {replaceable.length > 0 && (
        <div className="form-row">
          <FormField id="apikey-replaces" name="replacesKeyID" label="Replaces (rotation)" error={errors.fields.replacesKeyID}>
            {(a) => (
              <select {...a} value={replaces} onChange={(e) => setReplaces(e.target.value)}>
                <option value="">Nothing: an additional key</option>
                {replaceable.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.label}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          {replaces && (
            <FormField id="apikey-grace" name="graceSeconds" label="Old key keeps working for (hours)" error={local.graceSeconds ?? errors.fields.graceSeconds}>
              {(a) => <input {...a} inputMode="decimal" value={graceHours} onChange={(e) => setGraceHours(e.target.value)} />}
            </FormField>
          )}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={submitting}>
          {submitting ? 'Generating…' : 'Generate API key'}
        </button>
      </div>
    </form>
  );
}
