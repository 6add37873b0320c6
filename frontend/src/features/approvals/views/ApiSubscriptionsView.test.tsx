import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded } from '../../../test/fakeFetch';
import { ApiSubscriptionsView } from './ApiSubscriptionsView';

function op(req: Recorded) {
  return (req.body as { operationName: string }).operationName;
}

const sub = (status: string) => ({
  __typename: 'ManagedSubscription',
  id: 's1',
  status,
  statusReason: status === 'UNBLOCKED' ? '' : 'unusual traffic',
  throttlingTier: 'Gold',
  applicationName: 'Mobile',
  subscriber: 'alice',
  createdAt: '2026-11-23T10:00:00Z',
});

describe('ApiSubscriptionsView', () => {
  it('blocks production traffic of a subscription with a reason', async () => {
    let status = 'UNBLOCKED';
    const f = fakeFetch((req) => {
      if (op(req) === 'ApiSubscriptions') {
        return {
          body: {
            data: {
              apis: { __typename: 'APIConnection', edges: [{ __typename: 'APIEdge', node: { __typename: 'API', id: 'api-1', name: 'PizzaShack', version: '1.0.0' } }] },
              apiSubscriptions: [sub(status)],
            },
          },
        };
      }
      status = (req.body as { variables: { status: string } }).variables.status;
      return { body: { data: { changeSubscriptionStatus: { ...sub(status) } } } };
    });
    const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
    render(
      <Provider value={client}>
        <MemoryRouter initialEntries={['/publisher/apis/api-1/subscriptions']}>
          <Routes>
            <Route path="/publisher/apis/:id/subscriptions" element={<ApiSubscriptionsView />} />
          </Routes>
        </MemoryRouter>
      </Provider>,
    );
    const table = await screen.findByRole('table', { name: 'Subscriptions' });
    expect(screen.getByRole('heading', { name: 'Subscriptions of PizzaShack 1.0.0' })).toBeInTheDocument();
    expect(within(table).getByText('Active')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Reason for blocking/), 'unusual traffic');
    await userEvent.click(within(table).getByRole('button', { name: 'Block production Mobile' }));
    expect(await screen.findByText('Mobile is now production blocked.')).toBeInTheDocument();
    expect(f.calls.find((c) => op(c) === 'ChangeSubscriptionStatus')?.body).toMatchObject({ variables: { id: 's1', status: 'PROD_ONLY_BLOCKED', reason: 'unusual traffic' } });
  });
});
