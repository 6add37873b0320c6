import { Link } from 'react-router';

export interface ApiCardProps {
  name: string;
  version: string;
  description: string;
  invocationURLs: string[];
  /** The API's page in the Developer Portal. */
  href: string;
}

export function ApiCard({ name, version, description, invocationURLs, href }: ApiCardProps) {
  return (
    <article className="card" aria-label={`${name} ${version}`}>
      <header className="card-header">
        <h2>
          <Link to={href}>{name}</Link>
        </h2>
        <span className="badge">{version}</span>
      </header>
      <p className={description ? '' : 'muted'}>{description || 'No description.'}</p>
      {invocationURLs.length > 0 && (
        <ul className="urls" aria-label="Invocation URLs">
          {invocationURLs.map((u) => (
            <li key={u}>
              <code>{u}</code>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
