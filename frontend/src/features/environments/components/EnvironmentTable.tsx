import type { ReactNode } from 'react';

export interface EnvironmentRow {
  id: string;
  name: string;
  displayName: string;
  gatewayURL: string;
  type?: string;
  isDefault: boolean;
  virtualHosts: { host: string; httpPort?: number | null; httpsPort?: number | null }[];
}

interface TableProps {
  environments: EnvironmentRow[];
  onEditVirtualHosts?: (id: string) => void;
  /** Row actions (edit, delete) rendered after the virtual hosts button. */
  actions?: (e: EnvironmentRow) => ReactNode;
}

export function EnvironmentTable({ environments, onEditVirtualHosts, actions }: TableProps) {
  if (environments.length === 0) return <p className="empty">No gateway environments.</p>;
  return (
    <table className="table" aria-label="Environments">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Display name</th>
          <th scope="col">Gateway URL</th>
          <th scope="col">Type</th>
          <th scope="col">Default</th>
          <th scope="col">Virtual hosts</th>
          {onEditVirtualHosts && (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          )}
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
            <td>{e.type === 'SANDBOX' ? 'Sandbox only' : 'Production'}</td>
            <td>{e.isDefault ? 'Yes' : ''}</td>
            <td>{e.virtualHosts.length ? e.virtualHosts.map((h) => h.host).join(', ') : <span className="muted">any host</span>}</td>
            {onEditVirtualHosts && (
              <td>
                <button type="button" className="button" onClick={() => onEditVirtualHosts(e.id)}>
                  Edit virtual hosts of {e.displayName || e.name}
                </button>
                {actions?.(e)}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
