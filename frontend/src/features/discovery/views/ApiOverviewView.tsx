import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { ApiOverview } from '../components/ApiOverview';
import { publishedApiQuery } from '../queries';
import { discoveryUrls } from '../urls';

/** /devportal/apis/:id; `subscribe` is what the portal puts in the subscription slot. */
export function ApiOverviewView({ id, subscribe }: { id: string; subscribe?: ReactNode }) {
  const [{ data, fetching, error }] = useQuery({ query: publishedApiQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const api = data?.apis.edges?.[0]?.node ?? null;
  return (
    <>
      <p className="breadcrumb">
        <Link to={discoveryUrls.catalogue()}>APIs</Link>
      </p>
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        {!api ? (
          <Banner>This API does not exist or is not published.</Banner>
        ) : (
          <>
            <PageHeader title={api.name} />
            <ApiOverview api={api} subscribe={subscribe} />
          </>
        )}
      </QueryState>
    </>
  );
}
