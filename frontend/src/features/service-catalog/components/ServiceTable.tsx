export interface ServiceRow {
  id: string;
  name: string;
  displayName: string;
  version: string;
  serviceURL: string;
  definitionType: string;
}

export function ServiceTable({ services }: { services: ServiceRow[] }) {
  if (services.length === 0) return <p className="empty">No services registered yet.</p>;
  return (
    <table className="table" aria-label="Services">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Version</th>
          <th scope="col">Service URL</th>
          <th scope="col">Definition</th>
        </tr>
      </thead>
      <tbody>
        {services.map((s) => (
          <tr key={s.id}>
            <td>{s.displayName || s.name}</td>
            <td>{s.version}</td>
            <td>
              <code>{s.serviceURL}</code>
            </td>
            <td>{s.definitionType}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
