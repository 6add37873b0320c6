export interface RoleRow {
  name: string;
  description: string;
  permissions: string[];
  builtIn: boolean;
  userCount: number;
}

interface Props {
  roles: RoleRow[];
  /** Opens the form on a custom role. */
  onEdit?: (name: string) => void;
  /** Asks to delete a custom role. */
  onDelete?: (name: string) => void;
  busy?: boolean;
  /** Why the last delete was refused (e.g. users still hold the role), shown next to its button. */
  deleteError?: { name: string; message: string } | null;
}

/** The organization's roles: built-in ones marked and read-only, custom ones with Edit and Delete. */
export function RoleTable({ roles, onEdit, onDelete, busy = false, deleteError }: Props) {
  if (roles.length === 0) return <p className="empty">No roles.</p>;
  return (
    <table className="table" aria-label="Roles">
      <thead>
        <tr>
          <th scope="col">Role</th>
          <th scope="col">Description</th>
          <th scope="col">Permissions</th>
          <th scope="col">Users</th>
          <th scope="col">
            <span className="muted">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {roles.map((r) => (
          <tr key={r.name}>
            <td>
              {r.name}
              {r.builtIn && (
                <>
                  {' '}
                  <span className="badge">built-in</span>
                </>
              )}
            </td>
            <td>{r.description}</td>
            <td>
              <ul className="chips" aria-label={`Permissions of ${r.name}`}>
                {r.permissions.map((p) => (
                  <li key={p} className="badge">
                    {p}
                  </li>
                ))}
              </ul>
            </td>
            <td>{r.userCount}</td>
            <td>
              {r.builtIn ? (
                <span className="muted">Read-only</span>
              ) : (
                <>
                  {onEdit && (
                    <button type="button" className="button" onClick={() => onEdit(r.name)} disabled={busy}>
                      Edit {r.name}
                    </button>
                  )}{' '}
                  {onDelete && (
                    <button type="button" className="button danger" onClick={() => onDelete(r.name)} disabled={busy}>
                      Delete {r.name}
                    </button>
                  )}
                  {deleteError?.name === r.name && (
                    <p className="field-error" role="alert">
                      {deleteError.message}
                    </p>
                  )}
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
