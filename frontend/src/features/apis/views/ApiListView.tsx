import { Link } from 'react-router';
import { useQuery } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { ApiTable, type ApiRow } from '../components/ApiTable';
import { apiListQuery } from '../queries';
import { apiUrls } from '../urls';

export function ApiListView() {
  const [{ data, fetching, error }] = useQuery({ query: apiListQuery, requestPolicy: 'cache-and-network' });
  const apis: ApiRow[] = (data?.apis.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <>
      <PageHeader
        title="APIs"
        actions={
          <>
            <Link className="button" to={apiUrls.import()}>
              Import API
            </Link>
            <Link className="button primary" to={apiUrls.create()}>
              Create API
            </Link>
          </>
        }
      />
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        <ApiTable apis={apis} detailUrl={apiUrls.detail} />
      </QueryState>
    </>
  );
}
