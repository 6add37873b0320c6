import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded, type Reply } from '../../../test/fakeFetch';
import { applicationListReply, tiersReply } from '../fixtures';
import { SubscribePanelView } from './SubscribePanelView';

function renderPanel(subscribeReply: Reply) {
  const f = fakeFetch((req: Recorded) => {
    const body = req.body as { operationName: string; variables: Record<string, unknown> };
    if (body.operationName === 'ThrottlingTiers') return { body: tiersReply(String(body.variables.level)) };
    if (body.operationName === 'DevPortalApplications') return { body: applicationListReply };
    if (body.operationName === 'Subscribe') return subscribeReply;
    throw new Error(`unexpected operation ${body.operationName}`);
  });
  const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
  render(
    <Provider value={client}>
      <MemoryRouter>
        <SubscribePanelView apiID="api-1" />
      </MemoryRouter>
    </Provider>,
  );
  return f;
}

async function subscribe(application: string, tier: string) {
  const user = userEvent.setup();
  await user.selectOptions(await screen.findByLabelText('Application'), application);
  await user.selectOptions(screen.getByLabelText('Subscription tier'), tier);
  await user.click(screen.getByRole('button', { name: 'Subscribe' }));
}

describe('SubscribePanelView', () => {
  it('shows the server tier error next to the tier field', async () => {
    const f = renderPanel({
      body: {
        data: null,
        errors: [{ message: 'there is no subscription tier named "Silver"', path: ['subscribe'], extensions: { code: 'BAD_USER_INPUT', field: 'tier' } }],
      },
    });
    await subscribe('Mobile', 'Silver');

    expect(await screen.findByTestId('field-error-tier')).toHaveTextContent('there is no subscription tier named "Silver"');
    const tier = screen.getByLabelText('Subscription tier');
    expect(tier).toHaveAttribute('aria-invalid', 'true');
    expect(tier).toHaveAccessibleDescription(expect.stringContaining('no subscription tier'));
    expect(screen.queryByRole('alert')).toBeNull();
    const call = f.calls.find((c) => (c.body as { operationName: string }).operationName === 'Subscribe');
    expect(call?.body).toMatchObject({ variables: { input: { applicationID: 'app-2', apiID: 'api-1', tier: 'Silver' } } });
  });

  it('asks for a tier before calling the server', async () => {
    const f = renderPanel({ body: {} });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Subscribe' }));
    expect(screen.getByTestId('field-error-tier')).toHaveTextContent('Required.');
    expect(f.calls.some((c) => (c.body as { operationName: string }).operationName === 'Subscribe')).toBe(false);
  });

  it('shows "already subscribed" next to the application and confirms a subscription', async () => {
    renderPanel({
      body: { data: null, errors: [{ message: 'Checkout is already subscribed to PizzaShackAPI', extensions: { code: 'CONFLICT', field: 'apiID' } }] },
    });
    await subscribe('Checkout', 'Gold');
    expect(await screen.findByTestId('field-error-applicationID')).toHaveTextContent('already subscribed');
  });

  it('confirms a subscription with a link to the application', async () => {
    renderPanel({
      body: { data: { subscribe: { __typename: 'APISubscription', id: 'sub-9', status: 'UNBLOCKED', throttlingTier: 'Gold', application: { __typename: 'Application', id: 'app-1', name: 'Checkout' } } } },
    });
    await subscribe('Checkout', 'Gold');
    expect(await screen.findByRole('status')).toHaveTextContent('Subscribed Checkout with tier Gold.');
    expect(screen.getByRole('link', { name: 'Checkout' })).toHaveAttribute('href', '/devportal/applications/app-1');
  });
});
