import { useQuery } from 'urql';
import { QueryState } from '../../../components/QueryState';
import { EnvironmentTable } from '../components/EnvironmentTable';
import { environmentsQuery } from '../queries';

export function EnvironmentListView() {
  const [{ data, fetching, error }] = useQuery({ query: environmentsQuery, requestPolicy: 'cache-and-network' });
  const environments = (data?.environments.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <section className="section" aria-labelledby="environments-title">
      <h2 id="environments-title">Gateway environments</h2>
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        <EnvironmentTable environments={environments} />
      </QueryState>
    </section>
  );
}
