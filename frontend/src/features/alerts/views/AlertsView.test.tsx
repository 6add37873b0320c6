import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Reply } from '../../../test/fakeFetch';
import { validateAlert } from '../components/AlertForm';
import { AlertsView } from './AlertsView';

const apiID = '7d3f3c1e-1111-4222-8333-944444444444';

const alertsReply = {
  data: {
    alerts: [
      {
        __typename: 'Alert',
        id: 'a1',
        name: 'Pizza errors',
        metric: 'ERROR_RATE',
        scope: 'API',
        targetID: apiID,
        targetName: 'PizzaShackAPI 1.0.0',
        threshold: 5,
        windowSeconds: 300,
        webhookURL: 'https://hooks.example.com/x',
        enabled: true,
        state: 'FIRING',
        lastValue: 20,
        lastEvaluatedAt: '2025-03-01T12:00:00Z',
        history: [
          {
            __typename: 'AlertStateChange',
            id: 'c1',
            state: 'FIRING',
            value: 20,
            threshold: 5,
            at: '2025-03-01T12:00:00Z',
            delivery: 'DELIVERED',
            attempts: 3,
            lastError: '',
          },
        ],
      },
    ],
  },
};

const targetsReply = {
  data: {
    apis: { __typename: 'APIConnection', edges: [{ __typename: 'APIEdge', node: { __typename: 'API', id: apiID, name: 'PizzaShackAPI', version: '1.0.0' } }] },
  },
};

function renderView(mutationReply: Reply = { body: { data: { createAlert: { __typename: 'Alert', id: 'a2' } } } }) {
  const f = fakeFetch((req) => {
    const q = (req.body as { query: string }).query;
    if (q.includes('mutation')) return mutationReply;
    if (q.includes('AlertTargets')) return { body: targetsReply };
    return { body: alertsReply };
  });
  const client = createGraphQLClient({ getCsrfToken: () => 'csrf', onUnauthenticated: vi.fn(), fetch: f.fetch });
  render(
    <Provider value={client}>
      <AlertsView />
    </Provider>,
  );
  return f;
}

describe('AlertsView', () => {
  it('lists rules with their state and webhook delivery', async () => {
    renderView();
    const row = await screen.findByTestId('alert-Pizza errors');
    expect(within(row).getByTestId('alert-state')).toHaveTextContent('Firing (20%)');
    expect(row).toHaveTextContent('Error rate (%) > 5% over 5 min');
    expect(row).toHaveTextContent('webhook delivered after 3 attempts');
  });

  it('creates a rule, and shows the server field error next to its field', async () => {
    const f = renderView({
      body: {
        data: null,
        errors: [{ message: 'the webhook must be an http or https URL', extensions: { code: 'BAD_USER_INPUT', field: 'webhookURL' } }],
      },
    });
    await screen.findByTestId('alert-Pizza errors');
    await userEvent.click(screen.getByRole('button', { name: 'New alert' }));
    const form = screen.getByRole('form', { name: 'Create alert' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Slow pizza');
    await userEvent.selectOptions(within(form).getByLabelText('Metric'), 'P95_LATENCY');
    await screen.findByRole('option', { name: 'PizzaShackAPI 1.0.0' });
    await userEvent.selectOptions(within(form).getByLabelText('API'), apiID);
    await userEvent.clear(within(form).getByLabelText('Threshold'));
    await userEvent.type(within(form).getByLabelText('Threshold'), '250');
    await userEvent.type(within(form).getByLabelText('Webhook URL'), 'https://hooks.example.com/y');
    await userEvent.click(within(form).getByRole('button', { name: 'Create alert' }));
    expect(await screen.findByTestId('field-error-webhookURL')).toHaveTextContent('http or https');
    const sent = f.calls.find((c) => (c.body as { query: string }).query.includes('mutation'));
    expect((sent?.body as { variables: { input: Record<string, unknown> } }).variables.input).toMatchObject({
      name: 'Slow pizza',
      metric: 'P95_LATENCY',
      scope: 'API',
      targetID: apiID,
      threshold: 250,
      windowSeconds: 300,
      webhookURL: 'https://hooks.example.com/y',
    });
  });
});

describe('validateAlert', () => {
  const ok = { name: 'n', metric: 'ERROR_RATE' as const, targetID: 'x', threshold: '5', windowMinutes: '5', webhookURL: '' };
  it.each([
    [{ name: ' ' }, 'name'],
    [{ threshold: '-1' }, 'threshold'],
    [{ threshold: '120' }, 'threshold'],
    [{ windowMinutes: '0' }, 'windowSeconds'],
    [{ webhookURL: 'ftp://example.com' }, 'webhookURL'],
    [{ webhookURL: 'javascript:alert(1)' }, 'webhookURL'],
  ])('%o is refused on %s', (edit, field) => {
    expect(Object.keys(validateAlert({ ...ok, ...edit }))).toEqual([field]);
  });
  it('accepts a latency over 100 ms and an https webhook', () => {
    expect(validateAlert({ ...ok, metric: 'P95_LATENCY', threshold: '300', webhookURL: 'https://h.example.com/a' })).toEqual({});
  });
});
