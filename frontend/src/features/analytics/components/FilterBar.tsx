import type { TrafficCount } from './TopTable';

export interface TrafficFilters {
  apiID?: string;
  applicationID?: string;
  environment?: string;
  user?: string;
}

export interface FilterOption {
  key: string;
  name: string;
}

export interface FilterBarProps {
  filters: TrafficFilters;
  onChange: (filters: TrafficFilters) => void;
  /** What the selects offer: the APIs, applications and users seen so far. */
  apis: FilterOption[];
  applications: FilterOption[];
  users: FilterOption[];
}

/** Narrows the dashboard to one API, application, environment or user; the server applies them. */
export function FilterBar({ filters, onChange, apis, applications, users }: FilterBarProps) {
  const select = (label: string, field: 'apiID' | 'applicationID' | 'user', options: FilterOption[]) => (
    <label>
      {label}
      <select value={filters[field] ?? ''} onChange={(e) => onChange({ ...filters, [field]: e.target.value || undefined })}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="traffic-controls traffic-filters" role="group" aria-label="Filters">
      {select('API', 'apiID', apis)}
      {select('Application', 'applicationID', applications)}
      {select('User', 'user', users)}
      <label>
        Environment
        <input
          type="text"
          size={12}
          placeholder="All"
          value={filters.environment ?? ''}
          onChange={(e) => onChange({ ...filters, environment: e.target.value.trim() || undefined })}
        />
      </label>
    </div>
  );
}

/** Adds rows' keys and names to a list of options, keeping the ones seen before. */
export function mergeOptions(known: FilterOption[], rows: (TrafficCount & { key: string })[]): FilterOption[] {
  const byKey = new Map(known.map((o) => [o.key, o]));
  for (const r of rows) byKey.set(r.key, { key: r.key, name: r.name });
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name));
}
