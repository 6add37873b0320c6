import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import type { ServiceEntryDefinitionType, ServiceEntryWhereInput } from '../../../gql/graphql';
import { ServiceFilters } from '../components/ServiceFilters';
import { ServiceTable } from '../components/ServiceTable';
import '../catalog.css';
import { isDefinitionType } from '../labels';
import { serviceEntriesQuery } from '../queries';
import { catalogUrls } from '../urls';

/** How long typing pauses before the search goes to the server. */
const searchDelayMs = 250;

/** /catalog: the registered services; search and type filter live in the URL (?q=&type=). */
export function ServiceListView() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const typeParam = params.get('type');
  const definitionType = isDefinitionType(typeParam) ? typeParam : null;
  const [search, setSearch] = useState(q);

  // Typing updates the box at once and the URL (hence the query) after a pause.
  useEffect(() => {
    if (search === q) return;
    const t = setTimeout(() => update({ q: search }), searchDelayMs);
    return () => clearTimeout(t);
  }, [search, q]); // update only writes the URL

  function update(change: { q?: string; type?: ServiceEntryDefinitionType | null }) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (change.q !== undefined) {
          if (change.q.trim()) next.set('q', change.q.trim());
          else next.delete('q');
        }
        if (change.type !== undefined) {
          if (change.type) next.set('type', change.type);
          else next.delete('type');
        }
        return next;
      },
      { replace: true },
    );
  }

  const where: ServiceEntryWhereInput = {};
  if (q.trim()) where.nameContainsFold = q.trim();
  if (definitionType) where.definitionType = definitionType;

  const [{ data, fetching, error }] = useQuery({
    query: serviceEntriesQuery,
    variables: { where: Object.keys(where).length ? where : null },
    requestPolicy: 'cache-and-network',
  });
  const services = (data?.serviceEntries.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));

  return (
    <>
      <PageHeader
        title="Services"
        actions={
          <Link className="button primary" to={catalogUrls.create()}>
            Register service
          </Link>
        }
      />
      <ServiceFilters search={search} definitionType={definitionType} onSearch={setSearch} onDefinitionType={(type) => update({ type })} />
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        <ServiceTable services={services} detailUrl={catalogUrls.detail} filtered={Boolean(q.trim() || definitionType)} />
      </QueryState>
    </>
  );
}
