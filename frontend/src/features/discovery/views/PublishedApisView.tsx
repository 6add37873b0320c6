import { useState } from 'react';
import { useQuery } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { ApiCard } from '../components/ApiCard';
import { ApiSearch, matchesSearch } from '../components/ApiSearch';
import { publishedApisQuery } from '../queries';
import { discoveryUrls } from '../urls';

export function PublishedApisView() {
  const [{ data, fetching, error }] = useQuery({ query: publishedApisQuery, requestPolicy: 'cache-and-network' });
  const [search, setSearch] = useState('');
  const apis = (data?.apis.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const shown = apis.filter((a) => matchesSearch(a.name, search));
  return (
    <>
      <PageHeader title="APIs" />
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        {apis.length === 0 ? (
          <p className="empty">No published APIs yet.</p>
        ) : (
          <>
            <ApiSearch value={search} onChange={setSearch} />
            {shown.length === 0 ? (
              <p className="empty">No API name matches “{search.trim()}”.</p>
            ) : (
              <div className="cards">
                {shown.map((a) => (
                  <ApiCard key={a.id} {...a} href={discoveryUrls.api(a.id)} />
                ))}
              </div>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
