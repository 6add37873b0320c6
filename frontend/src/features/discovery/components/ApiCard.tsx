export interface ApiCardProps {
  name: string;
  version: string;
  description: string;
  invocationURLs: string[];
}

export function ApiCard({ name, version, description, invocationURLs }: ApiCardProps) {
  return (
    <article className="card" aria-label={`${name} ${version}`}>
      <header className="card-header">
        <h2>{name}</h2>
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
