import { Link } from 'react-router';
import { useQuery } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { ApplicationTable } from '../components/ApplicationTable';
import { applicationListQuery } from '../queries';
import { applicationUrls } from '../urls';

export function ApplicationListView() {
  const [{ data, fetching, error }] = useQuery({ query: applicationListQuery, requestPolicy: 'cache-and-network' });
  const applications = (data?.applications.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <>
      <PageHeader
        title="Applications"
        actions={
          <Link className="button primary" to={applicationUrls.create()}>
            Create application
          </Link>
        }
      />
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        <ApplicationTable applications={applications} detailUrl={applicationUrls.detail} />
      </QueryState>
    </>
  );
}
