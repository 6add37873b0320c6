import { Link } from 'react-router';
import { useQuery } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { productListQuery } from '../queries';
import { productUrls } from '../urls';

/** The organization's API products; each opens on its API pages (overview, lifecycle, revisions, deploy). */
export function ProductListView() {
  const [{ data, fetching, error }] = useQuery({ query: productListQuery, requestPolicy: 'cache-and-network' });
  const products = (data?.apis.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <>
      <PageHeader
        title="API products"
        actions={
          <Link className="button primary" to={productUrls.create()}>
            Create product
          </Link>
        }
      />
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        {products.length === 0 ? (
          <p className="empty">No API products yet. A product bundles operations of several APIs under its own context.</p>
        ) : (
          <table className="table" aria-label="API products">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Context</th>
                <th scope="col">Version</th>
                <th scope="col">Operations</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={productUrls.detail(p.id)}>{p.name}</Link>
                  </td>
                  <td>
                    <code>/{p.context}</code>
                  </td>
                  <td>{p.version}</td>
                  <td>{p.operations?.length ?? 0}</td>
                  <td>{p.lifecycleStatus}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </>
  );
}
