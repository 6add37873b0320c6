import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { QueryState } from '../../../components/QueryState';
import { toFormErrors } from '../../../lib/errors';
import { updateApiProductOperationsMutation } from '../mutations';
import { productOperationsQuery, productSourcesQuery } from '../queries';
import { OperationPicker, toggled } from './OperationPicker';

/**
 * Changes which operations of the organization's APIs a product bundles after it was
 * created. The server applies the rules of creation (one operation per method and path);
 * the new set is served once a revision is deployed.
 */
export function ProductOperationsPanel({ id }: { id: string }) {
  const [current] = useQuery({ query: productOperationsQuery, variables: { id } });
  const [sources] = useQuery({ query: productSourcesQuery });
  const [saved, save] = useMutation(updateApiProductOperationsMutation);
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const node = current.data?.node;
  const linked = node && 'operations' in node ? (node.operations ?? []).flatMap((op) => (op.sourceOperation ? [op.sourceOperation.id] : [])) : null;
  const linkedKey = linked?.join(',');
  useEffect(() => {
    if (linkedKey !== undefined) setChosen(new Set(linkedKey ? linkedKey.split(',') : []));
  }, [linkedKey]);
  const apis = (sources.data?.apis.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const errors = toFormErrors(saved.error);
  const [missing, setMissing] = useState<string | undefined>();

  async function submit() {
    if (!chosen) return;
    setNotice(null);
    if (chosen.size === 0) {
      setMissing('Choose at least one operation.');
      return;
    }
    setMissing(undefined);
    const res = await save({ id, operationIDs: [...chosen] });
    if (res.data) setNotice(`The product bundles ${chosen.size} ${chosen.size === 1 ? 'operation' : 'operations'}; deploy a revision to serve them.`);
  }

  return (
    <section className="section" aria-labelledby="product-operations-title">
      <h2 id="product-operations-title">Bundled operations</h2>
      {errors.banner && <Banner>{errors.banner}</Banner>}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <QueryState fetching={current.fetching || sources.fetching} error={current.error ?? sources.error} hasData={Boolean(chosen && sources.data)}>
        {chosen && (
          <>
            <OperationPicker apis={apis} chosen={chosen} onToggle={(op, on) => setChosen((c) => toggled(c ?? new Set(), op, on))} error={missing ?? errors.fields.operations} />
            <div className="form-actions">
              <button type="button" className="button primary" onClick={submit} disabled={saved.fetching}>
                {saved.fetching ? 'Saving…' : 'Save operations'}
              </button>
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}
