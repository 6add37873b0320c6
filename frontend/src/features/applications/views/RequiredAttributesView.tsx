import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import { QueryState } from '../../../components/QueryState';
import { toFormErrors } from '../../../lib/errors';
import { setRequiredAttributesMutation } from '../mutations';
import { requiredAttributesQuery } from '../queries';

/** Admin: the attribute keys every application of the organization must carry. */
export function RequiredAttributesView() {
  const [{ data, fetching, error }] = useQuery({ query: requiredAttributesQuery });
  return (
    <section className="section" aria-labelledby="required-attributes-title">
      <h2 id="required-attributes-title">Application attributes</h2>
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        {data && <RequiredAttributesForm key={(data.requiredApplicationAttributes ?? []).join(',')} initial={data.requiredApplicationAttributes ?? []} />}
      </QueryState>
    </section>
  );
}

function RequiredAttributesForm({ initial }: { initial: string[] }) {
  const [text, setText] = useState(initial.join(', '));
  const [state, save] = useMutation(setRequiredAttributesMutation);
  const [saved, setSaved] = useState(false);
  const errors = toFormErrors(state.error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const keys = text
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    const r = await save({ keys });
    if (r.data) {
      setText(r.data.setRequiredApplicationAttributes.join(', '));
      setSaved(true);
    }
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label="Required application attributes">
      {errors.banner && <Banner>{errors.banner}</Banner>}
      {saved && <Banner kind="success">Saved.</Banner>}
      <FormField
        id="required-attributes"
        name="keys"
        label="Required attributes"
        hint="Comma-separated keys (e.g. costCentre, team) every new application must have a value for; existing ones must add them when their attributes are next saved."
        error={errors.fields.keys}
      >
        {(a) => <input {...a} value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button" disabled={state.fetching}>
          {state.fetching ? 'Saving…' : 'Save required attributes'}
        </button>
      </div>
    </form>
  );
}
