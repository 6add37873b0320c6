import { useQuery } from 'urql';
import { QueryState } from '../../../components/QueryState';
import { UserTable } from '../components/UserTable';
import { usersQuery } from '../queries';

export function UserListView() {
  const [{ data, fetching, error }] = useQuery({ query: usersQuery, requestPolicy: 'cache-and-network' });
  const users = (data?.users.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <section className="section" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        <UserTable users={users} />
      </QueryState>
    </section>
  );
}
