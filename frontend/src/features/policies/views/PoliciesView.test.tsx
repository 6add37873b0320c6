import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded } from '../../../test/fakeFetch';
import { PoliciesView } from './PoliciesView';

const gold = {
  __typename: 'ThrottlingTier',
  id: 't1',
  level: 'SUBSCRIPTION',
  name: 'Gold',
  displayName: '',
  description: '',
  quotaType: 'REQUEST_COUNT',
  requestCount: 5000,
  dataAmountKib: 0,
  unitSeconds: 60,
  calendarUnit: 'NONE',
  burstLimit: 50,
  stopOnQuotaReach: true,
  requiresApproval: false,
  conditionGroups: [],
};

function reply(req: Recorded) {
  const body = req.body as { operationName: string; variables: Record<string, unknown> };
  switch (body.operationName) {
    case 'ThrottlingPolicies':
      return { body: { data: { throttlingPolicies: [gold] } } };
    case 'DenyPolicies':
      return { body: { data: { denyPolicies: [{ __typename: 'DenyPolicy', id: 'd1', conditionType: 'IP_RANGE', value: '203.0.113.0/24', description: 'abuse', enabled: true }] } } };
    case 'DeleteThrottlingTier':
      return { body: { errors: [{ message: 'tier "Gold" is in use and cannot be deleted: 3 subscription(s) use it', extensions: { code: 'CONFLICT' } }] } };
    case 'CreateThrottlingTier': {
      const input = body.variables.input as { name: string; conditionGroups: Array<{ conditions: Array<{ value: string }> }> };
      if (input.conditionGroups[0]?.conditions[0]?.value === 'nope')
        return { body: { errors: [{ message: 'condition group 1: "nope" is not an IP address or CIDR range', extensions: { code: 'BAD_USER_INPUT', field: 'conditionGroups' } }] } };
      return { body: { data: { createThrottlingTier: { __typename: 'ThrottlingTier', id: 't2', name: input.name } } } };
    }
    case 'CreateDenyPolicy':
      return { body: { errors: [{ message: '"300.1.1.1" is not an IP address or CIDR range', extensions: { code: 'BAD_USER_INPUT', field: 'value' } }] } };
  }
  return { status: 500 };
}

function renderView() {
  const f = fakeFetch(reply);
  const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
  render(
    <Provider value={client}>
      <MemoryRouter>
        <PoliciesView />
      </MemoryRouter>
    </Provider>,
  );
  return f;
}

const op = (f: ReturnType<typeof fakeFetch>, name: string) =>
  f.calls.filter((c) => (c.body as { operationName: string }).operationName === name).map((c) => (c.body as { variables: Record<string, unknown> }).variables);

describe('PoliciesView', () => {
  it('lists tiers and deny policies, and explains why a tier in use cannot go', async () => {
    renderView();
    const table = await screen.findByRole('table', { name: 'Subscription tiers' });
    expect(within(table).getByText('5000 / 60 s')).toBeInTheDocument();
    expect(within(table).getByText('50/s')).toBeInTheDocument();
    expect(await screen.findByText('203.0.113.0/24')).toBeInTheDocument();
    await userEvent.click(within(table).getByRole('button', { name: 'Delete Gold' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirm delete' }));
    expect(await screen.findByText(/in use and cannot be deleted: 3 subscription/)).toBeInTheDocument();
  });

  it('creates an API policy with a condition group and shows field errors', async () => {
    const f = renderView();
    await screen.findByRole('table', { name: 'Subscription tiers' });
    await userEvent.click(screen.getByRole('button', { name: 'New API policy' }));
    await userEvent.type(screen.getByLabelText('Name'), 'Partners');
    await userEvent.click(screen.getByRole('button', { name: 'Add condition group' }));
    await userEvent.type(screen.getByLabelText('Group 1 condition 1 value'), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Create tier' }));
    expect(await screen.findByTestId('field-error-conditionGroups')).toHaveTextContent('not an IP address');
    const value = screen.getByLabelText('Group 1 condition 1 value');
    await userEvent.clear(value);
    await userEvent.type(value, '10.0.0.0/8');
    await userEvent.click(screen.getByRole('button', { name: 'Create tier' }));
    expect(await screen.findByText('Saved tier Partners.')).toBeInTheDocument();
    const sent = op(f, 'CreateThrottlingTier').at(-1)?.input as { level: string; conditionGroups: unknown[] };
    expect(sent.level).toBe('API');
    expect(sent.conditionGroups).toEqual([{ description: '', requestCount: 10, unitSeconds: 60, conditions: [{ type: 'IP_RANGE', name: '', value: '10.0.0.0/8', regex: false, invert: false }] }]);
  });

  it('shows a deny policy error next to its value', async () => {
    renderView();
    await screen.findByRole('table', { name: 'Deny policies' });
    await userEvent.type(screen.getByLabelText('Value'), '300.1.1.1');
    await userEvent.click(screen.getByRole('button', { name: 'Add deny policy' }));
    expect(await screen.findByTestId('field-error-value')).toHaveTextContent('not an IP address');
  });
});
