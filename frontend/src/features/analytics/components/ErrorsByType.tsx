import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount } from '../format';
import { chartColors } from './chartColors';

export interface ErrorTypeCount {
  name: string;
  requests: number;
}

/** Failed calls per error type (auth, throttled, target_error, …): a bar chart and the same numbers as a table. */
export function ErrorsByType({ errors }: { errors: ErrorTypeCount[] }) {
  const rows = [...errors].sort((a, b) => b.requests - a.requests);
  return (
    <figure className="chart errors-by-type" aria-labelledby="errors-by-type-title">
      <h2 id="errors-by-type-title">Errors by type</h2>
      {rows.length === 0 ? (
        <p className="empty">No errors in this period.</p>
      ) : (
        <>
          <ResponsiveContainer width="100%" height={Math.max(120, rows.length * 36 + 40)}>
            <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
              <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 12 }} />
              <Tooltip />
              <Bar dataKey="requests" name="Requests" fill={chartColors.errors} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
          <table className="table" aria-label="Errors by type">
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col" className="number">Requests</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.name}>
                  <td>{r.name}</td>
                  <td className="number">{formatCount(r.requests)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}
