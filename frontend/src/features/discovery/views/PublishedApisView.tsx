import { useQuery } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { ApiCard } from '../components/ApiCard';
import { publishedApisQuery } from '../queries';

export function PublishedApisView() {
  const [{ data, fetching, error }] = useQuery({ query: publishedApisQuery, requestPolicy: 'cache-and-network' });
  const apis = (data?.apis.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <>
      <PageHeader title="APIs" />
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        {apis.length === 0 ? (
          <p className="empty">No published APIs yet.</p>
        ) : (
          <div className="cards">
            {apis.map((a) => (
              <ApiCard key={a.id} {...a} />
            ))}
          </div>
        )}
      </QueryState>
    </>
  );
}
