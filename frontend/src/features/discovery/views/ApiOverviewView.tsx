import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { ApiOverview } from '../components/ApiOverview';
import { publishedApiQuery } from '../queries';
import { discoveryUrls } from '../urls';
import { ApiFeedbackView } from './ApiFeedbackView';

/**
 * /devportal/apis/:id; `subscribe` is what the portal puts in the subscription slot, and
 * `signInToPost` (for viewers who may not rate or comment) what the feedback shows instead.
 */
export function ApiOverviewView({ id, subscribe, signInToPost }: { id: string; subscribe?: ReactNode; signInToPost?: ReactNode }) {
  const [{ data, fetching, error }] = useQuery({ query: publishedApiQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const api = data?.catalogueAPI ?? null;
  const notFound = error?.graphQLErrors.some((e) => e.extensions?.code === 'NOT_FOUND') ?? false;
  return (
    <>
      <p className="breadcrumb">
        <Link to={discoveryUrls.catalogue()}>APIs</Link>
      </p>
      <QueryState fetching={fetching} error={notFound ? undefined : error} hasData={Boolean(data) || notFound}>
        {!api ? (
          <Banner>This API does not exist or is not published.</Banner>
        ) : (
          <>
            <PageHeader title={api.name} />
            <ApiOverview api={api} subscribe={subscribe} />
            <ApiFeedbackView apiID={api.id} signInToPost={signInToPost} />
          </>
        )}
      </QueryState>
    </>
  );
}
