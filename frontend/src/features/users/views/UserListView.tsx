import { useState, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { QueryState } from '../../../components/QueryState';
import { errorMessage, noFormErrors, toFormErrors, type FormErrors } from '../../../lib/errors';
import { CreateUserForm, type CreateUserValues } from '../components/CreateUserForm';
import { DeleteUserDialog } from '../components/DeleteUserDialog';
import { TemporaryPasswordDialog } from '../components/TemporaryPasswordDialog';
import { UserRolesDialog } from '../components/UserRolesDialog';
import { UserTable, type UserDialog } from '../components/UserTable';
import {
  createUserMutation,
  deleteUserMutation,
  revokeUserTokensMutation,
  setTemporaryPasswordMutation,
  setUserDisabledMutation,
  setUserGroupsMutation,
  setUserRolesMutation,
} from '../mutations';
import { assignableRolesQuery, usersQuery } from '../queries';

export function UserListView() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: usersQuery, requestPolicy: 'cache-and-network' });
  const [{ data: rolesData }] = useQuery({ query: assignableRolesQuery, requestPolicy: 'cache-and-network' });
  const [createState, createUser] = useMutation(createUserMutation);
  const [groupsState, setUserGroups] = useMutation(setUserGroupsMutation);
  const [revokeState, revokeUserTokens] = useMutation(revokeUserTokensMutation);
  const [disableState, setUserDisabled] = useMutation(setUserDisabledMutation);
  const [rolesState, setUserRoles] = useMutation(setUserRolesMutation);
  const [passwordState, setTemporaryPassword] = useMutation(setTemporaryPasswordMutation);
  const [deleteState, deleteUser] = useMutation(deleteUserMutation);
  const [actionError, setActionError] = useState<{ userID: string; message: string } | null>(null);
  const [groupsError, setGroupsError] = useState<{ userID: string; message: string } | null>(null);
  const [dialog, setDialog] = useState<{ userID: string; kind: UserDialog } | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [passwordErrors, setPasswordErrors] = useState<FormErrors>(noFormErrors);
  const [notice, setNotice] = useState<string | null>(null);
  const users = (data?.users.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const roles = rolesData?.roles ?? [];
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const nameOf = (id: string) => users.find((u) => u.id === id)?.username ?? 'the user';

  async function onCreate(v: CreateUserValues) {
    setNotice(null);
    const r = await createUser({
      input: { username: v.username, email: v.email || null, password: v.password, roles: v.roles, roleNames: v.roleNames, temporaryPassword: v.temporaryPassword },
    });
    if (r.data) {
      setNotice(`Created ${r.data.createUser.username}${v.temporaryPassword ? '; they choose a new password at the first sign-in' : ''}.`);
      reload();
    }
  }

  async function onSaveGroups(userID: string, groups: string[]) {
    setNotice(null);
    setGroupsError(null);
    const r = await setUserGroups({ userID, groups });
    if (r.error) setGroupsError({ userID, message: errorMessage(r.error) });
    else if (r.data) setNotice(`Saved the groups of ${nameOf(userID)}.`);
  }

  async function onRevokeTokens(userID: string) {
    setNotice(null);
    setActionError(null);
    const r = await revokeUserTokens({ userID });
    if (r.error) setActionError({ userID, message: errorMessage(r.error) });
    else if (r.data) setNotice(`Revoked every token of ${nameOf(userID)}.`);
  }

  async function onSetDisabled(userID: string, disabled: boolean) {
    setNotice(null);
    setActionError(null);
    const r = await setUserDisabled({ userID, disabled });
    if (r.error) setActionError({ userID, message: errorMessage(r.error) });
    else if (r.data) {
      reload();
      setNotice(disabled ? `Disabled ${nameOf(userID)} and revoked their tokens.` : `Enabled ${nameOf(userID)}.`);
    }
  }

  function onOpen(userID: string, kind: UserDialog) {
    setNotice(null);
    setActionError(null);
    setDialogError(null);
    setPasswordErrors(noFormErrors);
    setDialog({ userID, kind });
  }

  const close = () => setDialog(null);

  async function onSaveRoles(userID: string, names: string[]) {
    setDialogError(null);
    const r = await setUserRoles({ userID, roles: names });
    if (r.error) setDialogError(errorMessage(r.error));
    else {
      close();
      setNotice(`Saved the roles of ${nameOf(userID)}.`);
      reload();
    }
  }

  async function onSetPassword(userID: string, password: string) {
    const r = await setTemporaryPassword({ userID, password });
    setPasswordErrors(toFormErrors(r.error));
    if (!r.error) {
      close();
      setNotice(`Set a temporary password for ${nameOf(userID)}; they must change it at the next sign-in.`);
      reload();
    }
  }

  async function onDelete(userID: string) {
    setDialogError(null);
    const name = nameOf(userID);
    const r = await deleteUser({ id: userID });
    if (r.error) setDialogError(errorMessage(r.error));
    else {
      close();
      setNotice(`Deleted ${name}.`);
      reload();
    }
  }

  const current = dialog ? users.find((u) => u.id === dialog.userID) : undefined;
  let content: ReactNode = null;
  if (dialog && current) {
    switch (dialog.kind) {
      case 'roles':
        content = (
          <UserRolesDialog
            username={current.username}
            current={current.roleNames}
            roles={roles}
            onSave={(names) => void onSaveRoles(current.id, names)}
            onCancel={close}
            saving={rolesState.fetching}
            error={dialogError}
          />
        );
        break;
      case 'password':
        content = (
          <TemporaryPasswordDialog
            username={current.username}
            onSave={(p) => void onSetPassword(current.id, p)}
            onCancel={close}
            saving={passwordState.fetching}
            errors={passwordErrors}
          />
        );
        break;
      case 'delete':
        content = <DeleteUserDialog username={current.username} onDelete={() => void onDelete(current.id)} onCancel={close} deleting={deleteState.fetching} error={dialogError} />;
        break;
    }
  }

  return (
    <section className="section" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        <UserTable
          users={users}
          onSaveGroups={(id, g) => void onSaveGroups(id, g)}
          savingGroups={groupsState.fetching}
          groupsError={groupsError}
          onRevokeTokens={(id) => void onRevokeTokens(id)}
          onSetDisabled={(id, d) => void onSetDisabled(id, d)}
          onOpen={onOpen}
          open={dialog && content ? { userID: dialog.userID, content } : null}
          actionError={actionError}
          acting={revokeState.fetching || disableState.fetching}
        />
      </QueryState>
      <CreateUserForm
        onSubmit={(v) => void onCreate(v)}
        errors={toFormErrors(createState.error)}
        submitting={createState.fetching}
        notice={notice}
        customRoles={roles.filter((r) => !r.builtIn)}
      />
    </section>
  );
}
