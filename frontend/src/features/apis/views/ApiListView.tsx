import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { PageHeader } from '../../../components/PageHeader';
import { useMay } from '../../../lib/access';
import { QueryState } from '../../../components/QueryState';
import { errorMessage } from '../../../lib/errors';
import { ApiCards } from '../components/ApiCards';
import { ApiTable, type ApiRow } from '../components/ApiTable';
import { apiListQuery } from '../queries';
import { apiUrls } from '../urls';

/** The publisher's APIs, searched with the query language (the q URL parameter). */
export function ApiListView() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  // The layout is in the URL (view=cards) so a shared or reloaded list keeps it.
  const cards = params.get('view') === 'cards';
  const [draft, setDraft] = useState(q);
  // Cursors of the pages before the current one, to go back.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const [{ data, fetching, error }] = useQuery({ query: apiListQuery, variables: { q, after }, requestPolicy: 'cache-and-network' });
  const conn = data?.searchAPIs;
  function setView(next: 'cards' | 'table') {
    const p = new URLSearchParams(params);
    if (next === 'cards') p.set('view', 'cards');
    else p.delete('view');
    setParams(p, { replace: true });
  }

  const apis: ApiRow[] = (conn?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const badQuery = error?.graphQLErrors.some((e) => e.extensions?.field === 'query');

  const mayCreate = useMay('api:create');

  function search(e: FormEvent) {
    e.preventDefault();
    setCursors([null]);
    setParams({ ...(draft.trim() ? { q: draft.trim() } : {}), ...(cards ? { view: 'cards' } : {}) });
  }

  return (
    <>
      <PageHeader
        title="APIs"
        actions={
          mayCreate && (
            <>
              <Link className="button" to={apiUrls.import()}>
                Import API
              </Link>
              <Link className="button primary" to={apiUrls.create()}>
                Create API
              </Link>
            </>
          )
        }
      />
      <form className="search-box" role="search" onSubmit={search}>
        <input
          type="search"
          aria-label="Search APIs"
          placeholder='e.g. pizza  tag:food  status:published  name:"pizza shack"'
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="button">
          Search
        </button>
        <div className="segmented" role="group" aria-label="Layout">
          <button type="button" className="button" aria-pressed={!cards} onClick={() => setView('table')}>
            Table
          </button>
          <button type="button" className="button" aria-pressed={cards} onClick={() => setView('cards')}>
            Cards
          </button>
        </div>
      </form>
      {badQuery && error ? (
        <Banner>{errorMessage(error)}</Banner>
      ) : (
        <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
          {q && <p className="muted" role="status">{`${conn?.totalCount ?? 0} API(s) match.`}</p>}
          {cards ? <ApiCards apis={apis} detailUrl={apiUrls.detail} /> : <ApiTable apis={apis} detailUrl={apiUrls.detail} />}
          {(cursors.length > 1 || conn?.pageInfo.hasNextPage) && (
            <div className="form-actions">
              <button type="button" className="button" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
                Previous page
              </button>
              <button
                type="button"
                className="button"
                disabled={!conn?.pageInfo.hasNextPage}
                onClick={() => setCursors([...cursors, conn?.pageInfo.endCursor ?? null])}
              >
                Next page
              </button>
            </div>
          )}
        </QueryState>
      )}
    </>
  );
}
