import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { FormField } from '../../../components/FormField';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { toFormErrors } from '../../../lib/errors';
import { createApiProductMutation } from '../mutations';
import { OperationPicker, toggled } from '../components/OperationPicker';
import { productSourcesQuery } from '../queries';
import { productUrls } from '../urls';

/**
 * Creates an API product: its name, context and version, and the operations of the
 * organization's APIs it bundles (chosen API by API). The server checks the rules.
 */
export function ProductCreateView() {
  const navigate = useNavigate();
  const [{ data, fetching, error }] = useQuery({ query: productSourcesQuery });
  const [created, create] = useMutation(createApiProductMutation);
  const [values, setValues] = useState({ name: '', context: '', version: '1.0.0', description: '' });
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [missing, setMissing] = useState<Record<string, string>>({});
  const apis = (data?.apis.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const errors = toFormErrors(created.error);
  const err = (k: string) => missing[k] ?? errors.fields[k];

  const set = (key: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));

  function toggle(id: string, on: boolean) {
    setChosen((c) => toggled(c, id, on));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const m: Record<string, string> = {};
    for (const k of ['name', 'context', 'version'] as const) if (!values[k].trim()) m[k] = 'Required.';
    if (chosen.size === 0) m.operations = 'Choose at least one operation.';
    setMissing(m);
    if (Object.keys(m).length > 0) return;
    const res = await create({
      input: {
        name: values.name.trim(),
        context: values.context.trim(),
        version: values.version.trim(),
        description: values.description || null,
        operationIDs: [...chosen],
      },
    });
    if (res.data) navigate(productUrls.detail(res.data.createAPIProduct.id));
  }

  return (
    <>
      <PageHeader title="Create API product" />
      <form className="form wide" onSubmit={submit} noValidate aria-label="Create API product">
        {errors.banner && <Banner>{errors.banner}</Banner>}
        <FormField id="product-name" name="name" label="Name" error={err('name')}>
          {(a) => <input {...a} type="text" value={values.name} onChange={set('name')} autoComplete="off" />}
        </FormField>
        <FormField id="product-context" name="context" label="Context" hint="The product's own URL path prefix at the gateway." error={err('context')}>
          {(a) => <input {...a} type="text" value={values.context} onChange={set('context')} autoComplete="off" />}
        </FormField>
        <FormField id="product-version" name="version" label="Version" error={err('version')}>
          {(a) => <input {...a} type="text" value={values.version} onChange={set('version')} autoComplete="off" />}
        </FormField>
        <FormField id="product-description" name="description" label="Description" error={err('description')}>
          {(a) => <textarea {...a} rows={3} value={values.description} onChange={set('description')} />}
        </FormField>
        <OperationPicker apis={apis} chosen={chosen} onToggle={toggle} error={err('operations')}>
          {(list) => (
            <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
              {list}
            </QueryState>
          )}
        </OperationPicker>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={created.fetching}>
            {created.fetching ? 'Creating…' : 'Create product'}
          </button>
          <button type="button" className="button" onClick={() => navigate(productUrls.list())}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
