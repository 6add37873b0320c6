import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { ConfirmAction } from '../../../components/ConfirmAction';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  email: string;
  disabled: boolean;
  groups?: string[] | null;
  /** Every role the user holds, custom ones included. */
  roleNames?: string[] | null;
  /** The user must choose a new password at the next sign-in. */
  mustChangePassword?: boolean | null;
}

/** The per-user actions that open a dialog under the user's row. */
export type UserDialog = 'roles' | 'password' | 'delete';

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
  /** Opens a dialog (change roles, temporary password, delete) under the user's row. */
  onOpen?: (userID: string, dialog: UserDialog) => void;
  /** The open dialog, rendered under its user's row. */
  open?: { userID: string; content: ReactNode } | null;
  /** Why the last disable or enable of a user was refused, shown next to the button. */
  actionError?: { userID: string; message: string } | null;
  /** A user action is in flight. */
  acting?: boolean;
}

export function UserTable({ users, onSaveGroups, savingGroups = false, groupsError, onRevokeTokens, onSetDisabled, onOpen, open, actionError, acting = false }: UserTableProps) {
  const actions = Boolean(onRevokeTokens || onSetDisabled || onOpen);
  const columns = actions ? 7 : 6;
  if (users.length === 0) return <p className="empty">No users.</p>;
  return (
    <table className="table" aria-label="Users">
      <thead>
        <tr>
          <th scope="col">Username</th>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Roles</th>
          <th scope="col">Status</th>
          <th scope="col">Groups</th>
          {actions && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <Fragment key={u.id}>
            <tr>
              <td>{u.username}</td>
              <td>{u.displayName}</td>
              <td>{u.email}</td>
              <td>
                <ul className="chips" aria-label={`Roles of ${u.username}`}>
                  {(u.roleNames ?? []).map((r) => (
                    <li key={r} className="badge">
                      {r}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                {u.disabled ? 'Disabled' : 'Active'}
                {u.mustChangePassword && <span className="badge">must change password</span>}
              </td>
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
                  {onOpen && (
                    <>
                      <button type="button" className="button" disabled={acting} onClick={() => onOpen(u.id, 'roles')}>
                        Change roles of {u.username}
                      </button>
                      <button type="button" className="button" disabled={acting} onClick={() => onOpen(u.id, 'password')}>
                        Set temporary password for {u.username}
                      </button>
                      <button type="button" className="button danger" disabled={acting} onClick={() => onOpen(u.id, 'delete')}>
                        Delete {u.username}
                      </button>
                    </>
                  )}
                  {actionError?.userID === u.id && (
                    <p className="field-error" role="alert">
                      {actionError.message}
                    </p>
                  )}
                </td>
              )}
            </tr>
            {open?.userID === u.id && (
              <tr>
                <td colSpan={columns}>{open.content}</td>
              </tr>
            )}
          </Fragment>
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
