export interface ResourceRow {
  id: string;
  method: string;
  target: string;
  authRequired: boolean;
  scopes?: string[] | null;
}

/** The resources a consumer can call: method, path, and whether a token is needed. */
export function ResourceList({ resources }: { resources: ResourceRow[] }) {
  return (
    <section className="section" aria-labelledby="resources-title">
      <h2 id="resources-title">Resources</h2>
      {resources.length === 0 ? (
        <p className="empty">No resources listed: the gateway serves nothing for this API.</p>
      ) : (
        <table className="table" aria-labelledby="resources-title">
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">Path</th>
              <th scope="col">Token required</th>
              <th scope="col">Scopes</th>
            </tr>
          </thead>
          <tbody>
            {resources.map((r) => (
              <tr key={r.id}>
                <td>
                  <span className="method">{r.method}</span>
                </td>
                <td>
                  <code>{r.target}</code>
                </td>
                <td>{r.authRequired ? 'Yes' : 'No'}</td>
                <td>{r.scopes?.length ? r.scopes.join(', ') : <span className="muted">none</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
