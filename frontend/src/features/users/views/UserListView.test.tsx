import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded } from '../../../test/fakeFetch';
import { UserListView } from './UserListView';

function op(req: Recorded) {
  return (req.body as { operationName: string }).operationName;
}

const assignable = [
  { __typename: 'RoleDefinition', name: 'admin', description: 'Everything', builtIn: true },
  { __typename: 'RoleDefinition', name: 'publisher', description: 'APIs', builtIn: true },
  { __typename: 'RoleDefinition', name: 'subscriber', description: 'Applications', builtIn: true },
  { __typename: 'RoleDefinition', name: 'api-designer', description: 'Designs APIs', builtIn: false },
];

function user(id: string, username: string, more: Record<string, unknown> = {}) {
  return { __typename: 'User', id, username, displayName: '', email: '', disabled: false, groups: [], roleNames: ['subscriber'], mustChangePassword: false, ...more };
}

function usersReply(...nodes: ReturnType<typeof user>[]) {
  return { body: { data: { users: { __typename: 'UserConnection', edges: nodes.map((node) => ({ __typename: 'UserEdge', node })) } } } };
}

function renderView(handler: (req: Recorded) => { status?: number; body?: unknown }) {
  const f = fakeFetch(handler);
  const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
  render(
    <Provider value={client}>
      <UserListView />
    </Provider>,
  );
  return f;
}

const conflict = (message: string) => ({ body: { data: null, errors: [{ message, extensions: { code: 'CONFLICT' } }] } });

describe('UserListView', () => {
  it('creates a user, showing the password policy error next to the field', async () => {
    let attempts = 0;
    const f = fakeFetch((req) => {
      if (op(req) === 'AdminUsers') return { body: { data: { users: { __typename: 'UserConnection', edges: [] } } } };
      if (op(req) === 'AdminAssignableRoles') return { body: { data: { roles: assignable } } };
      attempts++;
      if (attempts === 1) return { body: { errors: [{ message: 'the password needs at least 12 characters', extensions: { code: 'BAD_USER_INPUT', field: 'password' } }] } };
      return { body: { data: { createUser: { __typename: 'User', id: 'u2', username: 'pat' } } } };
    });
    const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
    render(
      <Provider value={client}>
        <UserListView />
      </Provider>,
    );
    await userEvent.type(await screen.findByLabelText('Username'), 'pat');
    await userEvent.type(screen.getByLabelText('Initial password'), 'short');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Publisher' }));
    await userEvent.click(screen.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByTestId('field-error-password')).toHaveTextContent('at least 12 characters');
    await userEvent.clear(screen.getByLabelText('Initial password'));
    await userEvent.type(screen.getByLabelText('Initial password'), 'violet-kettle-drums');
    await userEvent.click(screen.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('Created pat.')).toBeInTheDocument();
    expect(f.calls.filter((c) => op(c) === 'AdminCreateUser').at(-1)?.body).toMatchObject({
      variables: { input: { username: 'pat', email: null, password: 'violet-kettle-drums', roles: ['SUBSCRIBER', 'PUBLISHER'] } },
    });
  });

  it('saves a user\'s groups', async () => {
    const f = fakeFetch((req) => {
      if (op(req) === 'AdminAssignableRoles') return { body: { data: { roles: assignable } } };
      if (op(req) === 'AdminUsers')
        return {
          body: { data: { users: { __typename: 'UserConnection', edges: [{ __typename: 'UserEdge', node: { __typename: 'User', id: 'u1', username: 'bob', displayName: '', email: '', disabled: false, groups: ['mobile'] } }] } } },
        };
      return { body: { data: { setUserGroups: { __typename: 'User', id: 'u1', groups: ['mobile', 'payments'] } } } };
    });
    const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
    render(
      <Provider value={client}>
        <UserListView />
      </Provider>,
    );
    const input = await screen.findByRole('textbox', { name: 'Groups of bob' });
    expect(input).toHaveValue('mobile');
    await userEvent.type(input, ', payments');
    await userEvent.click(screen.getByRole('button', { name: 'Save groups' }));
    expect(await screen.findByText('Saved the groups of bob.')).toBeInTheDocument();
    expect(f.calls.find((c) => op(c) === 'AdminSetUserGroups')?.body).toMatchObject({ variables: { userID: 'u1', groups: ['mobile', 'payments'] } });
  });

  it('revokes a user\'s tokens and disables the account, each after a confirmation', async () => {
    let disabled = false;
    const f = fakeFetch((req) => {
      switch (op(req)) {
        case 'AdminAssignableRoles':
          return { body: { data: { roles: assignable } } };
        case 'AdminUsers':
          return { body: { data: { users: { __typename: 'UserConnection', edges: [{ __typename: 'UserEdge', node: { __typename: 'User', id: 'u1', username: 'bob', displayName: '', email: '', disabled, groups: [] } }] } } } };
        case 'AdminRevokeUserTokens':
          return { body: { data: { revokeUserTokens: { __typename: 'TokenRevocation', revokedBefore: '2026-12-06T03:00:00Z', grants: 1 } } } };
        case 'AdminSetUserDisabled':
          disabled = true;
          return { body: { data: { setUserDisabled: { __typename: 'User', id: 'u1', disabled: true } } } };
      }
      return { status: 500 };
    });
    const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
    render(
      <Provider value={client}>
        <UserListView />
      </Provider>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke tokens of bob' }));
    expect(f.calls.filter((c) => op(c) === 'AdminRevokeUserTokens')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Confirm revoke' }));
    expect(await screen.findByText('Revoked every token of bob.')).toBeInTheDocument();
    expect(f.calls.find((c) => op(c) === 'AdminRevokeUserTokens')?.body).toMatchObject({ variables: { userID: 'u1' } });

    await userEvent.click(screen.getByRole('button', { name: 'Disable bob' }));
    expect(screen.getByRole('alertdialog', { name: 'Confirm disabling bob' })).toHaveTextContent('every token issued to them is revoked');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm disable' }));
    expect(await screen.findByText('Disabled bob and revoked their tokens.')).toBeInTheDocument();
    expect(f.calls.find((c) => op(c) === 'AdminSetUserDisabled')?.body).toMatchObject({ variables: { userID: 'u1', disabled: true } });
    expect(await screen.findByRole('button', { name: 'Enable bob' })).toBeInTheDocument();
  });

  it('creates a user holding only a custom role, with a temporary password', async () => {
    const f = renderView((req) => {
      switch (op(req)) {
        case 'AdminUsers':
          return usersReply();
        case 'AdminAssignableRoles':
          return { body: { data: { roles: assignable } } };
        case 'AdminCreateUser':
          return { body: { data: { createUser: { __typename: 'User', id: 'u3', username: 'dana' } } } };
      }
      return { status: 500 };
    });
    await userEvent.type(await screen.findByLabelText('Username'), 'dana');
    await userEvent.type(screen.getByLabelText('Initial password'), 'violet-kettle-drums');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Subscriber' }));
    await userEvent.click(await screen.findByRole('checkbox', { name: 'api-designer' }));
    await userEvent.click(screen.getByRole('checkbox', { name: /^Temporary password/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('Created dana; they choose a new password at the first sign-in.')).toBeInTheDocument();
    expect(f.calls.find((c) => op(c) === 'AdminCreateUser')?.body).toMatchObject({
      variables: { input: { username: 'dana', roles: [], roleNames: ['api-designer'], temporaryPassword: true } },
    });
  });

  it('shows every role a user holds and that they must change their password', async () => {
    renderView((req) => {
      if (op(req) === 'AdminAssignableRoles') return { body: { data: { roles: assignable } } };
      return usersReply(user('u1', 'bob', { roleNames: ['publisher', 'api-designer'], mustChangePassword: true }));
    });
    const roles = await screen.findByRole('list', { name: 'Roles of bob' });
    expect(Array.from(roles.querySelectorAll('li')).map((li) => li.textContent)).toEqual(['publisher', 'api-designer']);
    expect(screen.getByRole('table', { name: 'Users' })).toHaveTextContent('must change password');
  });

  it("changes a user's roles in a dialog of built-in and custom roles", async () => {
    let roleNames = ['subscriber'];
    const f = renderView((req) => {
      switch (op(req)) {
        case 'AdminUsers':
          return usersReply(user('u1', 'bob', { roleNames }));
        case 'AdminAssignableRoles':
          return { body: { data: { roles: assignable } } };
        case 'AdminSetUserRoles':
          roleNames = (req.body as { variables: { roles: string[] } }).variables.roles;
          return { body: { data: { setUserRoles: { __typename: 'User', id: 'u1', roleNames } } } };
      }
      return { status: 500 };
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Change roles of bob' }));
    const dialog = screen.getByRole('dialog', { name: 'Roles of bob' });
    expect(within(dialog).getByRole('checkbox', { name: 'subscriber' })).toBeChecked();
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'subscriber' }));
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'api-designer' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save roles' }));
    expect(await screen.findByText('Saved the roles of bob.')).toBeInTheDocument();
    expect(f.calls.find((c) => op(c) === 'AdminSetUserRoles')?.body).toMatchObject({ variables: { userID: 'u1', roles: ['api-designer'] } });
    expect(screen.queryByRole('dialog', { name: 'Roles of bob' })).not.toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByRole('list', { name: 'Roles of bob' })).toHaveTextContent('api-designer'));
  });

  it('says in words why the last admin keeps the admin role', async () => {
    renderView((req) => {
      switch (op(req)) {
        case 'AdminUsers':
          return usersReply(user('u1', 'admin', { roleNames: ['admin'] }));
        case 'AdminAssignableRoles':
          return { body: { data: { roles: assignable } } };
        case 'AdminSetUserRoles':
          return conflict('the organization needs at least one enabled admin');
      }
      return { status: 500 };
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Change roles of admin' }));
    const dialog = screen.getByRole('dialog', { name: 'Roles of admin' });
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'admin' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save roles' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('the organization needs at least one enabled admin');
  });

  it('refuses to disable the last admin, next to the button', async () => {
    renderView((req) => {
      switch (op(req)) {
        case 'AdminUsers':
          return usersReply(user('u1', 'admin', { roleNames: ['admin'] }));
        case 'AdminAssignableRoles':
          return { body: { data: { roles: assignable } } };
        case 'AdminSetUserDisabled':
          return conflict('you cannot disable yourself');
      }
      return { status: 500 };
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Disable admin' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirm disable' }));
    const row = screen.getByRole('row', { name: /^admin/ });
    expect(await within(row).findByRole('alert')).toHaveTextContent('you cannot disable yourself');
  });

  it('sets a temporary password, showing the policy error in the dialog first', async () => {
    let attempts = 0;
    let must = false;
    const f = renderView((req) => {
      switch (op(req)) {
        case 'AdminUsers':
          return usersReply(user('u1', 'bob', { mustChangePassword: must }));
        case 'AdminAssignableRoles':
          return { body: { data: { roles: assignable } } };
        case 'AdminSetTemporaryPassword':
          if (++attempts === 1) return { body: { data: null, errors: [{ message: 'the password needs at least 12 characters', extensions: { code: 'BAD_USER_INPUT', field: 'password' } }] } };
          must = true;
          return { body: { data: { setTemporaryPassword: { __typename: 'User', id: 'u1', mustChangePassword: true } } } };
      }
      return { status: 500 };
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Set temporary password for bob' }));
    const dialog = screen.getByRole('dialog', { name: 'Temporary password for bob' });
    expect(dialog).toHaveTextContent('bob must change it at the next sign-in.');
    await userEvent.type(within(dialog).getByLabelText('Temporary password'), 'short');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Set temporary password' }));
    expect(await within(dialog).findByTestId('field-error-password')).toHaveTextContent('at least 12 characters');
    await userEvent.clear(within(dialog).getByLabelText('Temporary password'));
    await userEvent.type(within(dialog).getByLabelText('Temporary password'), 'marble-lantern-fig');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Set temporary password' }));
    expect(await screen.findByText('Set a temporary password for bob; they must change it at the next sign-in.')).toBeInTheDocument();
    expect(f.calls.filter((c) => op(c) === 'AdminSetTemporaryPassword').at(-1)?.body).toMatchObject({ variables: { userID: 'u1', password: 'marble-lantern-fig' } });
    expect(await screen.findByText('must change password')).toBeInTheDocument();
  });

  it('deletes a user only once the username is typed', async () => {
    let gone = false;
    const f = renderView((req) => {
      switch (op(req)) {
        case 'AdminUsers':
          return gone ? usersReply(user('u0', 'admin')) : usersReply(user('u0', 'admin'), user('u1', 'bob'));
        case 'AdminAssignableRoles':
          return { body: { data: { roles: assignable } } };
        case 'AdminDeleteUser':
          gone = true;
          return { body: { data: { deleteUser: 'u1' } } };
      }
      return { status: 500 };
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Delete bob' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete bob' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete user' });
    expect(confirm).toBeDisabled();
    await userEvent.type(within(dialog).getByLabelText('Type bob to confirm'), 'bo');
    expect(confirm).toBeDisabled();
    await userEvent.type(within(dialog).getByLabelText('Type bob to confirm'), 'b');
    await userEvent.click(confirm);
    expect(await screen.findByText('Deleted bob.')).toBeInTheDocument();
    expect(f.calls.find((c) => op(c) === 'AdminDeleteUser')?.body).toMatchObject({ variables: { id: 'u1' } });
    await vi.waitFor(() => expect(screen.queryByRole('button', { name: 'Delete bob' })).not.toBeInTheDocument());
  });

  it('says why deleting oneself is refused, in the dialog', async () => {
    renderView((req) => {
      switch (op(req)) {
        case 'AdminUsers':
          return usersReply(user('u0', 'admin'));
        case 'AdminAssignableRoles':
          return { body: { data: { roles: assignable } } };
        case 'AdminDeleteUser':
          return conflict('you cannot delete yourself');
      }
      return { status: 500 };
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Delete admin' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete admin' });
    await userEvent.type(within(dialog).getByLabelText('Type admin to confirm'), 'admin');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete user' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('you cannot delete yourself');
  });
});
