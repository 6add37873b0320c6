import { useQuery } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { ServiceTable } from '../components/ServiceTable';
import { serviceEntriesQuery } from '../queries';

export function ServiceListView() {
  const [{ data, fetching, error }] = useQuery({ query: serviceEntriesQuery, requestPolicy: 'cache-and-network' });
  const services = (data?.serviceEntries.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <>
      <PageHeader title="Services" />
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        <ServiceTable services={services} />
      </QueryState>
    </>
  );
}
