import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { QueryState } from '../../../components/QueryState';
import type { OrganizationSignupMode } from '../../../gql/graphql';
import { errorMessage } from '../../../lib/errors';
import { approveUserMutation, rejectUserMutation, setSignUpModeMutation } from '../mutations';
import { pendingUsersQuery } from '../queries';

const modes: { mode: OrganizationSignupMode; label: string }[] = [
  { mode: 'ENABLED', label: 'Anyone can sign up' },
  { mode: 'APPROVAL', label: 'Sign-ups wait for an admin’s approval' },
  { mode: 'DISABLED', label: 'Sign-up is turned off' },
];

/** The self sign-up setting and the accounts waiting for approval. */
export function SignUpApprovalView() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: pendingUsersQuery, requestPolicy: 'cache-and-network' });
  const [modeState, setMode] = useMutation(setSignUpModeMutation);
  const [approveState, approve] = useMutation(approveUserMutation);
  const [rejectState, reject] = useMutation(rejectUserMutation);
  const [notice, setNotice] = useState<string | null>(null);
  const failure = modeState.error ?? approveState.error ?? rejectState.error;
  const users = data?.pendingUsers ?? [];

  async function decide(id: string, username: string, ok: boolean) {
    setNotice(null);
    const r = ok ? await approve({ id }) : await reject({ id });
    if (!r.error) {
      setNotice(ok ? `Approved ${username}: they can sign in now.` : `Rejected ${username}; the account was removed.`);
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <section className="section" aria-labelledby="signup-title">
      <h2 id="signup-title">Self sign-up</h2>
      {failure && <Banner>{errorMessage(failure)}</Banner>}
      {notice && <Banner kind="success">{notice}</Banner>}
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        <fieldset className="plain-list" aria-label="Sign-up mode">
          {modes.map((m) => (
            <label key={m.mode}>
              <input
                type="radio"
                name="signup-mode"
                value={m.mode}
                checked={data?.signUpMode === m.mode}
                disabled={modeState.fetching}
                onChange={() => void setMode({ mode: m.mode }).then(() => refetch({ requestPolicy: 'network-only' }))}
              />{' '}
              {m.label}
            </label>
          ))}
        </fieldset>
        <h3 id="pending-users-title">Accounts waiting for approval</h3>
        {users.length === 0 ? (
          <p className="empty">No account is waiting for approval.</p>
        ) : (
          <table className="table" aria-labelledby="pending-users-title">
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Email</th>
                <th scope="col">Signed up</th>
                <th scope="col">
                  <span className="muted">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>{u.username}</td>
                  <td>{u.email}</td>
                  <td>{new Date(u.createdAt as string).toLocaleString()}</td>
                  <td>
                    <button type="button" className="button primary" onClick={() => void decide(u.id, u.username, true)} aria-label={`Approve ${u.username}`}>
                      Approve
                    </button>{' '}
                    <button type="button" className="button danger" onClick={() => void decide(u.id, u.username, false)} aria-label={`Reject ${u.username}`}>
                      Reject
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}
