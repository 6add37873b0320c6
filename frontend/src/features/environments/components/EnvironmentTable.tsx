export interface EnvironmentRow {
  id: string;
  name: string;
  displayName: string;
  gatewayURL: string;
  isDefault: boolean;
}

export function EnvironmentTable({ environments }: { environments: EnvironmentRow[] }) {
  if (environments.length === 0) return <p className="empty">No gateway environments.</p>;
  return (
    <table className="table" aria-label="Environments">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Display name</th>
          <th scope="col">Gateway URL</th>
          <th scope="col">Default</th>
        </tr>
      </thead>
      <tbody>
        {environments.map((e) => (
          <tr key={e.id}>
            <td>{e.name}</td>
            <td>{e.displayName}</td>
            <td>
              <code>{e.gatewayURL}</code>
            </td>
            <td>{e.isDefault ? 'Yes' : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
