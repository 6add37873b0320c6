export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  email: string;
  disabled: boolean;
}

export function UserTable({ users }: { users: UserRow[] }) {
  if (users.length === 0) return <p className="empty">No users.</p>;
  return (
    <table className="table" aria-label="Users">
      <thead>
        <tr>
          <th scope="col">Username</th>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <tr key={u.id}>
            <td>{u.username}</td>
            <td>{u.displayName}</td>
            <td>{u.email}</td>
            <td>{u.disabled ? 'Disabled' : 'Active'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
