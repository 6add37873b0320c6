import { useState, type FormEvent } from 'react';
import { ConfirmAction } from '../../../components/ConfirmAction';

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
  /** Revokes every token issued to the user (after a confirmation). */
  onRevokeTokens?: (userID: string) => void;
  /** Disables (revoking the user's tokens) or re-enables the account. */
  onSetDisabled?: (userID: string, disabled: boolean) => void;
  /** A user action is in flight. */
  acting?: boolean;
}

export function UserTable({ users, onSaveGroups, savingGroups = false, groupsError, onRevokeTokens, onSetDisabled, acting = false }: UserTableProps) {
  const actions = Boolean(onRevokeTokens || onSetDisabled);
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
          {actions && <th scope="col">Actions</th>}
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
            {actions && (
              <td>
                {onRevokeTokens && (
                  <ConfirmAction label={`Revoke tokens of ${u.username}`} confirmLabel="Confirm revoke" busy={acting} onConfirm={() => onRevokeTokens(u.id)} name={`Confirm revoking the tokens of ${u.username}`}>
                    Revoke every token issued to {u.username}? Their API calls are refused until they sign in again.
                  </ConfirmAction>
                )}
                {onSetDisabled &&
                  (u.disabled ? (
                    <button type="button" className="button" disabled={acting} onClick={() => onSetDisabled(u.id, false)}>
                      Enable {u.username}
                    </button>
                  ) : (
                    <ConfirmAction label={`Disable ${u.username}`} confirmLabel="Confirm disable" busy={acting} onConfirm={() => onSetDisabled(u.id, true)} name={`Confirm disabling ${u.username}`}>
                      Disable {u.username}? They can no longer sign in, and every token issued to them is revoked.
                    </ConfirmAction>
                  ))}
              </td>
            )}
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
