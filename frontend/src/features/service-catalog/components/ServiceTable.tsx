import { Link } from 'react-router';
import type { ServiceEntryDefinitionType } from '../../../gql/graphql';
import { definitionTypeLabels } from '../labels';

export interface ServiceRow {
  id: string;
  name: string;
  displayName: string;
  version: string;
  serviceURL: string;
  definitionType: ServiceEntryDefinitionType;
  usage: { id: string; drift: { outOfDate: boolean } }[];
}

export interface ServiceTableProps {
  services: ServiceRow[];
  detailUrl: (id: string) => string;
  /** Whether a search or filter is on (changes what an empty table says). */
  filtered?: boolean;
}

/** The catalog's services; each name links to the service's page. */
export function ServiceTable({ services, detailUrl, filtered = false }: ServiceTableProps) {
  if (services.length === 0) {
    return <p className="empty">{filtered ? 'No services match.' : 'No services registered yet.'}</p>;
  }
  return (
    <table className="table" aria-label="Services">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Version</th>
          <th scope="col">Type</th>
          <th scope="col">Service URL</th>
          <th scope="col">APIs</th>
        </tr>
      </thead>
      <tbody>
        {services.map((s) => {
          const outOfDate = s.usage.filter((a) => a.drift.outOfDate).length;
          return (
            <tr key={s.id}>
              <td>
                <Link to={detailUrl(s.id)}>{s.displayName || s.name}</Link>
                {s.displayName && s.displayName !== s.name && <div className="muted catalog-sub">{s.name}</div>}
              </td>
              <td>{s.version}</td>
              <td>{definitionTypeLabels[s.definitionType]}</td>
              <td>
                <code className="catalog-url">{s.serviceURL}</code>
              </td>
              <td>
                <span data-testid="service-api-count">{s.usage.length}</span>
                {outOfDate > 0 && (
                  <span
                    className="badge catalog-out-of-date"
                    title={`${outOfDate} of ${s.usage.length} APIs built from this service differ from it`}
                  >
                    Out of date
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
