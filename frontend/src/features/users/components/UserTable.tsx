import { useState, type FormEvent } from 'react';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  email: string;
  disabled: boolean;
  groups?: string[] | null;
}

export interface UserTableProps {
  users: UserRow[];
  /** Saves a user's groups (applications are shared with groups). */
  onSaveGroups?: (userID: string, groups: string[]) => void;
  savingGroups?: boolean;
  /** The server's complaint about the groups last saved, by user id. */
  groupsError?: { userID: string; message: string } | null;
}

export function UserTable({ users, onSaveGroups, savingGroups = false, groupsError }: UserTableProps) {
  if (users.length === 0) return <p className="empty">No users.</p>;
  return (
    <table className="table" aria-label="Users">
      <thead>
        <tr>
          <th scope="col">Username</th>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Status</th>
          <th scope="col">Groups</th>
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <tr key={u.id}>
            <td>{u.username}</td>
            <td>{u.displayName}</td>
            <td>{u.email}</td>
            <td>{u.disabled ? 'Disabled' : 'Active'}</td>
            <td>
              {onSaveGroups ? (
                <GroupsEditor user={u} onSave={onSaveGroups} saving={savingGroups} error={groupsError?.userID === u.id ? groupsError.message : null} />
              ) : (
                (u.groups ?? []).join(', ')
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function GroupsEditor({ user, onSave, saving, error }: { user: UserRow; onSave: (userID: string, groups: string[]) => void; saving: boolean; error: string | null }) {
  const [text, setText] = useState((user.groups ?? []).join(', '));
  function submit(e: FormEvent) {
    e.preventDefault();
    onSave(
      user.id,
      text
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean),
    );
  }
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label={`Groups of ${user.username}`}>
      <input value={text} onChange={(e) => setText(e.target.value)} aria-label={`Groups of ${user.username}`} aria-invalid={Boolean(error)} placeholder="e.g. payments, mobile" />
      <button type="submit" className="button" disabled={saving}>
        Save groups
      </button>
      {error && <p className="field-error">{error}</p>}
    </form>
  );
}
