import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { QueryState } from '../../../components/QueryState';
import { errorMessage, toFormErrors } from '../../../lib/errors';
import { CreateUserForm, type CreateUserValues } from '../components/CreateUserForm';
import { UserTable } from '../components/UserTable';
import { createUserMutation, revokeUserTokensMutation, setUserDisabledMutation, setUserGroupsMutation } from '../mutations';
import { usersQuery } from '../queries';

export function UserListView() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: usersQuery, requestPolicy: 'cache-and-network' });
  const [createState, createUser] = useMutation(createUserMutation);
  const [groupsState, setUserGroups] = useMutation(setUserGroupsMutation);
  const [revokeState, revokeUserTokens] = useMutation(revokeUserTokensMutation);
  const [disableState, setUserDisabled] = useMutation(setUserDisabledMutation);
  const [actionError, setActionError] = useState<string | null>(null);
  const [groupsError, setGroupsError] = useState<{ userID: string; message: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const users = (data?.users.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));

  async function onCreate(v: CreateUserValues) {
    setNotice(null);
    const r = await createUser({ input: { username: v.username, email: v.email || null, password: v.password, roles: v.roles } });
    if (r.data) {
      setNotice(`Created ${r.data.createUser.username}.`);
      refetch({ requestPolicy: 'network-only' });
    }
  }

  async function onSaveGroups(userID: string, groups: string[]) {
    setNotice(null);
    setGroupsError(null);
    const r = await setUserGroups({ userID, groups });
    if (r.error) setGroupsError({ userID, message: errorMessage(r.error) });
    else if (r.data) setNotice(`Saved the groups of ${users.find((u) => u.id === userID)?.username ?? 'the user'}.`);
  }

  const nameOf = (id: string) => users.find((u) => u.id === id)?.username ?? 'the user';

  async function onRevokeTokens(userID: string) {
    setNotice(null);
    setActionError(null);
    const r = await revokeUserTokens({ userID });
    if (r.error) setActionError(errorMessage(r.error));
    else if (r.data) setNotice(`Revoked every token of ${nameOf(userID)}.`);
  }

  async function onSetDisabled(userID: string, disabled: boolean) {
    setNotice(null);
    setActionError(null);
    const r = await setUserDisabled({ userID, disabled });
    if (r.error) setActionError(errorMessage(r.error));
    else if (r.data) {
      refetch({ requestPolicy: 'network-only' });
      setNotice(disabled ? `Disabled ${nameOf(userID)} and revoked their tokens.` : `Enabled ${nameOf(userID)}.`);
    }
  }

  return (
    <section className="section" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        <UserTable users={users} onSaveGroups={(id, g) => void onSaveGroups(id, g)} savingGroups={groupsState.fetching} groupsError={groupsError}
          onRevokeTokens={(id) => void onRevokeTokens(id)}
          onSetDisabled={(id, d) => void onSetDisabled(id, d)}
          acting={revokeState.fetching || disableState.fetching}
        />
        {actionError && <Banner>{actionError}</Banner>}
      </QueryState>
      <CreateUserForm onSubmit={(v) => void onCreate(v)} errors={toFormErrors(createState.error)} submitting={createState.fetching} notice={notice} />
    </section>
  );
}
