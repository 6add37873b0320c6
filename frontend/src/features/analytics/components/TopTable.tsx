import { useId } from 'react';
import { downloadCsv, toCsv } from '../csv';
import { formatCount, formatRate } from '../format';

export interface TrafficCount {
  name: string;
  requests: number;
  errors: number;
}

export interface TopTableProps {
  /** The heading, also the table's name ("Top APIs"). */
  title: string;
  /** The first column's header ("API"). */
  nameHeader: string;
  rows: TrafficCount[];
  /** The file Export CSV saves, e.g. "top-apis.csv". */
  filename: string;
}

/** A ranked table of traffic per API or application, exportable as CSV. */
export function TopTable({ title, nameHeader, rows, filename }: TopTableProps) {
  const headingId = useId();
  const exportCsv = () =>
    downloadCsv(
      filename,
      toCsv(
        [nameHeader, 'Requests', 'Errors'],
        rows.map((r) => [r.name, r.requests, r.errors]),
      ),
    );
  return (
    <section className="section" aria-labelledby={headingId}>
      <div className="table-header">
        <h2 id={headingId}>{title}</h2>
        <button type="button" className="button" onClick={exportCsv} disabled={rows.length === 0}>
          Export CSV
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="empty">No traffic in this period.</p>
      ) : (
        <table className="table" aria-label={title}>
          <thead>
            <tr>
              <th scope="col">{nameHeader}</th>
              <th scope="col" className="number">Requests</th>
              <th scope="col" className="number">Errors</th>
              <th scope="col" className="number">Error rate</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name}>
                <td>{r.name}</td>
                <td className="number">{formatCount(r.requests)}</td>
                <td className="number">{formatCount(r.errors)}</td>
                <td className="number">{formatRate(r.errors, r.requests)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
