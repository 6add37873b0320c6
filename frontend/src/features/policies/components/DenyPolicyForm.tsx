import { useState, type FormEvent } from 'react';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import type { FormErrors } from '../../../lib/errors';
import type { DenyPolicyConditionType } from '../../../gql/graphql';

const hints: Record<DenyPolicyConditionType, string> = {
  API_CONTEXT: 'The API context, e.g. pizzashack.',
  APPLICATION: "The application's id.",
  USER: 'The username.',
  IP_RANGE: 'An address or CIDR range, e.g. 203.0.113.0/24.',
};

interface Props {
  busy: boolean;
  errors: FormErrors;
  onSave: (p: { conditionType: DenyPolicyConditionType; value: string; description: string }) => void;
}

/** Adds a deny policy: calls matching it get 403 before any other policy runs. */
export function DenyPolicyForm({ busy, errors, onSave }: Props) {
  const [conditionType, setType] = useState<DenyPolicyConditionType>('IP_RANGE');
  const [value, setValue] = useState('');
  const [description, setDescription] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    onSave({ conditionType, value, description });
  }
  return (
    <form className="form inline" onSubmit={submit} aria-label="New deny policy">
      {errors.banner && <Banner>{errors.banner}</Banner>}
      <FormField id="deny-type" name="conditionType" label="Block" error={errors.fields.conditionType}>
        {(a) => (
          <select {...a} value={conditionType} onChange={(e) => setType(e.target.value as DenyPolicyConditionType)}>
            <option value="API_CONTEXT">API context</option>
            <option value="APPLICATION">Application</option>
            <option value="USER">User</option>
            <option value="IP_RANGE">IP range</option>
          </select>
        )}
      </FormField>
      <FormField id="deny-value" name="value" label="Value" hint={hints[conditionType]} error={errors.fields.value}>
        {(a) => <input {...a} value={value} onChange={(e) => setValue(e.target.value)} required />}
      </FormField>
      <FormField id="deny-description" name="description" label="Why" error={errors.fields.description}>
        {(a) => <input {...a} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </FormField>
      <button type="submit" className="button primary" disabled={busy}>
        Add deny policy
      </button>
    </form>
  );
}
