import { Link } from 'react-router';
import '../applications.css';

export interface ApplicationRow {
  id: string;
  name: string;
  throttlingTier: string;
  tokenType: string;
  subscriptions?: { id: string }[] | null;
}

/** The viewer's applications: name (a link to the application), tier, subscriptions. */
export function ApplicationTable({ applications, detailUrl }: { applications: ApplicationRow[]; detailUrl: (id: string) => string }) {
  if (applications.length === 0) return <p className="empty">No applications yet. Create one to subscribe to APIs.</p>;
  return (
    <table className="table" aria-label="Applications">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Throttling tier</th>
          <th scope="col">Token type</th>
          <th scope="col">Subscriptions</th>
        </tr>
      </thead>
      <tbody>
        {applications.map((a) => (
          <tr key={a.id}>
            <td>
              <Link to={detailUrl(a.id)}>{a.name}</Link>
            </td>
            <td>{a.throttlingTier}</td>
            <td>{a.tokenType}</td>
            <td>{a.subscriptions?.length ?? 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
