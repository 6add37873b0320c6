import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import type { CatalogueSort } from '../../../gql/graphql';
import { ApiCard } from '../components/ApiCard';
import { ApiSearch } from '../components/ApiSearch';
import { FacetChips } from '../components/FacetChips';
import { catalogueQuery } from '../queries';
import { discoveryUrls } from '../urls';

const sorts: { value: CatalogueSort; label: string }[] = [
  { value: 'NAME', label: 'Name' },
  { value: 'NEWEST', label: 'Newest' },
  { value: 'RATING', label: 'Rating' },
];

/** Waits until `value` has not changed for `ms` before passing it on (one query per pause in typing). */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

function toggle(list: string[], name: string): string[] {
  return list.includes(name) ? list.filter((x) => x !== name) : [...list, name];
}

/** /devportal: the published APIs the viewer may see, searchable, filterable by tag and category, sortable. */
export function PublishedApisView() {
  const [search, setSearch] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [categories, setCategories] = useState<string[]>([]);
  const [sort, setSort] = useState<CatalogueSort>('NAME');
  const query = useDebounced(search.trim(), 250);
  const [{ data, fetching, error }] = useQuery({
    query: catalogueQuery,
    variables: { query, tags, categories, sort },
    requestPolicy: 'cache-and-network',
  });
  // A malformed search is the user's to fix, next to the box; the last good cards stay.
  const queryError = error?.graphQLErrors.find((e) => e.extensions?.field === 'query')?.message ?? null;
  const [last, setLast] = useState(data);
  useEffect(() => {
    if (data) setLast(data);
  }, [data]);
  const shown = data ?? (queryError ? last : undefined);
  const cat = shown?.catalogue;
  const narrowed = query !== '' || tags.length > 0 || categories.length > 0;
  return (
    <>
      <PageHeader title="APIs" />
      <div className="catalogue-controls">
        <ApiSearch value={search} onChange={setSearch} error={queryError} />
        <label className="sort">
          Sort by{' '}
          <select value={sort} onChange={(e) => setSort(e.target.value as CatalogueSort)}>
            {sorts.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {cat && (
        <>
          <FacetChips label="Tags" facets={cat.tags} selected={tags} onToggle={(n) => setTags((t) => toggle(t, n))} />
          <FacetChips label="Categories" facets={cat.categories} selected={categories} onToggle={(n) => setCategories((c) => toggle(c, n))} />
        </>
      )}
      <QueryState fetching={fetching && !cat} error={queryError ? undefined : error} hasData={Boolean(cat)}>
        {cat && cat.apis.length === 0 ? (
          <p className="empty">{narrowed ? 'No API matches this search.' : 'No published APIs yet.'}</p>
        ) : (
          <div className="cards">
            {cat?.apis.map((a) => (
              <ApiCard
                key={a.id}
                name={a.name}
                version={a.version}
                description={a.description}
                thumbnailURL={a.thumbnailURL}
                deprecated={a.lifecycleStatus === 'DEPRECATED'}
                rating={a.rating}
                href={discoveryUrls.api(a.id)}
                type={a.type}
              />
            ))}
          </div>
        )}
      </QueryState>
    </>
  );
}
