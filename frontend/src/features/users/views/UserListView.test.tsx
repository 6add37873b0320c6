import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded } from '../../../test/fakeFetch';
import { UserListView } from './UserListView';

function op(req: Recorded) {
  return (req.body as { operationName: string }).operationName;
}

describe('UserListView', () => {
  it('creates a user, showing the password policy error next to the field', async () => {
    let attempts = 0;
    const f = fakeFetch((req) => {
      if (op(req) === 'AdminUsers') return { body: { data: { users: { __typename: 'UserConnection', edges: [] } } } };
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
});
