import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded } from '../../../test/fakeFetch';
import { ApiKeysView } from './ApiKeysView';

const existing = {
  __typename: 'APIKey',
  id: 'k1',
  name: 'ci',
  keyType: 'PRODUCTION',
  allowedIPs: ['10.0.0.0/8'],
  allowedReferers: [],
  createdAt: '2026-11-01T10:00:00Z',
  expiresAt: '2099-11-01T10:00:00Z',
  revokedAt: null,
};

function op(req: Recorded) {
  return (req.body as { operationName: string }).operationName;
}

describe('ApiKeysView', () => {
  it('lists keys and rotates one with a grace period, showing the new key once', async () => {
    const f = fakeFetch((req) => {
      switch (op(req)) {
        case 'DevPortalApplicationApiKeys':
          return { body: { data: { applications: { __typename: 'ApplicationConnection', edges: [{ __typename: 'ApplicationEdge', node: { __typename: 'Application', id: 'app-1', apiKeys: [existing] } }] } } } };
        case 'GenerateApiKey':
          return { body: { data: { generateAPIKey: { __typename: 'GeneratedAPIKey', key: 'eyJ.new.key', apiKey: { __typename: 'APIKey', id: 'k2', name: '', keyType: 'PRODUCTION' } } } } };
      }
      return { status: 500 };
    });
    const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
    render(
      <Provider value={client}>
        <ApiKeysView applicationID="app-1" />
      </Provider>,
    );
    const table = await screen.findByRole('table', { name: 'API keys' });
    expect(within(table).getByText('10.0.0.0/8')).toBeInTheDocument();
    expect(within(table).getByText('Active')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText(/Allowed IP addresses/), '203.0.113.0/24, 198.51.100.7');
    await userEvent.selectOptions(screen.getByLabelText('Replaces (rotation)'), 'k1');
    await userEvent.clear(screen.getByLabelText('Old key keeps working for (hours)'));
    await userEvent.type(screen.getByLabelText('Old key keeps working for (hours)'), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Generate API key' }));
    expect(await screen.findByLabelText('New API key')).toHaveTextContent('eyJ.new.key');
    expect(f.calls.find((c) => op(c) === 'GenerateApiKey')?.body).toMatchObject({
      variables: {
        input: { applicationID: 'app-1', keyType: 'PRODUCTION', validityDays: 365, allowedIPs: ['203.0.113.0/24', '198.51.100.7'], allowedReferers: [], replacesKeyID: 'k1', graceSeconds: 7200 },
      },
    });
  });
});
