import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded } from '../../../test/fakeFetch';
import { ApprovalQueueView } from './ApprovalQueueView';

const pending = {
  id: 'sub-1',
  status: 'ON_HOLD',
  throttlingTier: 'Gold',
  applicationName: 'Mobile',
  subscriber: 'alice',
  createdAt: '2026-11-23T10:00:00Z',
  api: { id: 'api-1', name: 'PizzaShack', version: '1.0.0', __typename: 'API' },
  __typename: 'ManagedSubscription',
};

function reply(req: Recorded) {
  const body = req.body as { operationName: string; variables: Record<string, unknown> };
  switch (body.operationName) {
    case 'PendingSubscriptions':
      return { body: { data: { pendingSubscriptions: [pending] } } };
    case 'ApprovalTiers':
      return {
        body: {
          data: {
            throttlingTiers: {
              __typename: 'ThrottlingTierConnection',
              edges: [{ __typename: 'ThrottlingTierEdge', node: { __typename: 'ThrottlingTier', id: 't1', name: 'Gold', displayName: '', requiresApproval: true } }],
            },
          },
        },
      };
    case 'RejectSubscription':
      if (!String(body.variables.reason).trim()) return { body: { errors: [{ message: 'say why', extensions: { code: 'BAD_USER_INPUT', field: 'reason' } }] } };
      return { body: { data: { rejectSubscription: { ...pending, status: 'REJECTED', statusReason: body.variables.reason } } } };
    case 'PendingUsers':
      return { body: { data: { signUpMode: 'APPROVAL', pendingUsers: [{ __typename: 'User', id: 'u9', username: 'newbie', email: 'n@example.com', createdAt: '2026-11-23T10:00:00Z' }] } } };
    case 'ApproveUser':
      return { body: { data: { approveUser: { __typename: 'User', id: 'u9', pendingApproval: false } } } };
    case 'ApproveSubscription':
      return { body: { data: { approveSubscription: { ...pending, status: 'UNBLOCKED' } } } };
  }
  return { status: 500 };
}

function renderView() {
  const f = fakeFetch(reply);
  const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
  render(
    <Provider value={client}>
      <MemoryRouter>
        <ApprovalQueueView />
      </MemoryRouter>
    </Provider>,
  );
  return f;
}

describe('ApprovalQueueView', () => {
  it('lists pending subscriptions and approves one', async () => {
    const f = renderView();
    const table = await screen.findByRole('table', { name: 'Subscriptions waiting for approval' });
    expect(within(table).getByText('alice')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Gold' })).toBeChecked();
    await userEvent.click(within(table).getByRole('button', { name: 'Approve Mobile → PizzaShack 1.0.0' }));
    expect(await screen.findByText('Approved Mobile → PizzaShack 1.0.0.')).toBeInTheDocument();
    const approve = f.calls.find((c) => (c.body as { operationName: string }).operationName === 'ApproveSubscription');
    expect((approve?.body as { variables: unknown }).variables).toEqual({ id: 'sub-1' });
  });

  it('asks for a reason before rejecting', async () => {
    const f = renderView();
    const table = await screen.findByRole('table', { name: 'Subscriptions waiting for approval' });
    await userEvent.click(within(table).getByRole('button', { name: 'Reject Mobile → PizzaShack 1.0.0' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirm rejection' }));
    expect(screen.getByText('Say why, so the subscriber knows what to change.')).toBeInTheDocument();
    expect(f.calls.some((c) => (c.body as { operationName: string }).operationName === 'RejectSubscription')).toBe(false);
    await userEvent.type(screen.getByLabelText('Reason'), 'internal use only');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm rejection' }));
    expect(await screen.findByText('Rejected Mobile → PizzaShack 1.0.0.')).toBeInTheDocument();
    const reject = f.calls.find((c) => (c.body as { operationName: string }).operationName === 'RejectSubscription');
    expect((reject?.body as { variables: unknown }).variables).toEqual({ id: 'sub-1', reason: 'internal use only' });
  });

  it('shows the sign-up mode and approves a signed-up user', async () => {
    const f = renderView();
    expect(await screen.findByRole('radio', { name: 'Sign-ups wait for an admin’s approval' })).toBeChecked();
    const table = await screen.findByRole('table', { name: 'Accounts waiting for approval' });
    await userEvent.click(within(table).getByRole('button', { name: 'Approve newbie' }));
    expect(await screen.findByText('Approved newbie: they can sign in now.')).toBeInTheDocument();
    expect(f.calls.some((c) => (c.body as { operationName: string }).operationName === 'ApproveUser')).toBe(true);
  });
});
