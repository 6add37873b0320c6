import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch } from '../../../test/fakeFetch';
import { applicationListReply } from '../fixtures';
import { ApplicationListView } from './ApplicationListView';

describe('ApplicationListView', () => {
  it('lists the applications with tier and number of subscriptions', async () => {
    const f = fakeFetch(() => ({ body: applicationListReply }));
    const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
    render(
      <Provider value={client}>
        <MemoryRouter>
          <ApplicationListView />
        </MemoryRouter>
      </Provider>,
    );

    const table = await screen.findByRole('table', { name: 'Applications' });
    const rows = within(table).getAllByRole('row').map((r) => Array.from(r.querySelectorAll('th, td')).map((c) => c.textContent));
    expect(rows).toEqual([
      ['Name', 'Throttling tier', 'Token type', 'Subscriptions'],
      ['Checkout', 'Unlimited', 'JWT', '2'],
      ['Mobile', '10PerMin', 'OPAQUE', '0'],
    ]);
    expect(within(table).getByRole('link', { name: 'Checkout' })).toHaveAttribute('href', '/devportal/applications/app-1');
    expect(screen.getByRole('link', { name: 'Create application' })).toHaveAttribute('href', '/devportal/applications/new');
  });
});
