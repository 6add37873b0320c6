import type { ServiceEntryDefinitionType } from '../../../gql/graphql';
import { definitionTypeLabels, definitionTypes, isDefinitionType } from '../labels';

export interface ServiceFiltersProps {
  search: string;
  definitionType: ServiceEntryDefinitionType | null;
  onSearch: (search: string) => void;
  onDefinitionType: (type: ServiceEntryDefinitionType | null) => void;
}

/** Search by name and filter by definition type; the list is filtered by the server. */
export function ServiceFilters({ search, definitionType, onSearch, onDefinitionType }: ServiceFiltersProps) {
  return (
    <form className="catalog-filters" role="search" aria-label="Services" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="catalog-search">Search</label>
        <input id="catalog-search" type="search" value={search} placeholder="Service name" onChange={(e) => onSearch(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="catalog-type">Definition type</label>
        <select
          id="catalog-type"
          value={definitionType ?? ''}
          onChange={(e) => onDefinitionType(isDefinitionType(e.target.value) ? e.target.value : null)}
        >
          <option value="">All types</option>
          {definitionTypes.map((t) => (
            <option key={t} value={t}>
              {definitionTypeLabels[t]}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
