import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch } from '../../../test/fakeFetch';
import { ConsoleTokenPickerView } from './ConsoleTokenPickerView';

const app = (id: string, name: string, status: string | null, keyTypes: string[]) => ({
  __typename: 'Application',
  id,
  name,
  subscriptions: status ? [{ __typename: 'APISubscription', id: `s-${id}`, status, api: { __typename: 'API', id: 'api1' } }] : [],
  keys: keyTypes.map((k) => ({ __typename: 'ApplicationKey', id: `${id}-${k}`, keyType: k })),
});

describe('ConsoleTokenPickerView', () => {
  it('offers only subscribed applications with keys, and generates a token for the chosen one', async () => {
    const f = fakeFetch((req) => {
      const body = req.body as { query: string; variables: Record<string, unknown> };
      if (body.query.includes('generateAccessToken')) {
        return {
          body: { data: { generateAccessToken: { __typename: 'AccessToken', accessToken: 'tok-xyz', tokenType: 'bearer', expiresAt: '2030-01-01T00:00:00Z', scopes: [] } } },
        };
      }
      const edges = [
        app('a1', 'Blocked App', 'BLOCKED', ['PRODUCTION']),
        app('a2', 'No Keys', 'UNBLOCKED', []),
        app('a3', 'Sandbox Only', 'PROD_ONLY_BLOCKED', ['PRODUCTION', 'SANDBOX']),
        app('a4', 'Good App', 'UNBLOCKED', ['PRODUCTION']),
        app('a5', 'Unsubscribed', null, ['PRODUCTION']),
      ].map((node) => ({ __typename: 'ApplicationEdge', node }));
      return { body: { data: { applications: { __typename: 'ApplicationConnection', edges } } } };
    });
    const client = createGraphQLClient({ getCsrfToken: () => 'csrf', onUnauthenticated: vi.fn(), fetch: f.fetch });
    const onToken = vi.fn();
    render(
      <Provider value={client}>
        <ConsoleTokenPickerView apiID="api1" onToken={onToken} />
      </Provider>,
    );
    const application = await screen.findByLabelText('Application');
    expect(within(application).getAllByRole('option').map((o) => o.textContent)).toEqual(['Sandbox Only', 'Good App']);
    expect(within(screen.getByLabelText('Keys')).getAllByRole('option').map((o) => o.textContent)).toEqual(['SANDBOX']);

    const user = userEvent.setup();
    await user.selectOptions(application, 'Good App');
    await user.click(screen.getByRole('button', { name: 'Generate test token' }));
    expect(await screen.findByDisplayValue('tok-xyz')).toBeInTheDocument();
    expect(onToken).toHaveBeenCalledWith('tok-xyz');
    const sent = f.calls.map((c) => c.body as { variables: { input?: unknown } }).find((b) => b.variables.input);
    expect(sent?.variables.input).toEqual({ applicationID: 'a4', keyType: 'PRODUCTION', validitySeconds: 3600 });
  });
});
