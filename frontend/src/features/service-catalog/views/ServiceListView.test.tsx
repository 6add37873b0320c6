import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch } from '../../../test/fakeFetch';
import { serviceConnection, serviceNode } from '../fixtures';
import { ServiceListView } from './ServiceListView';

const usage = (id: string, outOfDate: boolean) => ({ __typename: 'API', id, drift: { __typename: 'ServiceDrift', outOfDate } });

function renderView() {
  const f = fakeFetch(() => ({
    body: serviceConnection([
      serviceNode({ usage: [usage('a1', false), usage('a2', true)] }),
      serviceNode({
        id: 'svc-2',
        name: 'orders',
        displayName: 'orders',
        version: '2.0.0',
        definitionType: 'GRAPHQL_SDL',
        serviceURL: 'http://orders.internal/graphql',
        usage: [usage('a3', false)],
      }),
      serviceNode({ id: 'svc-3', name: 'unused', displayName: 'unused', definitionType: 'WSDL1', serviceURL: 'http://soap.internal', usage: [] }),
    ]),
  }));
  const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
  render(
    <Provider value={client}>
      <MemoryRouter initialEntries={['/catalog']}>
        <ServiceListView />
      </MemoryRouter>
    </Provider>,
  );
  return { calls: f.calls };
}

describe('ServiceListView', () => {
  it('lists the services with the number of APIs and an out-of-date badge', async () => {
    renderView();
    const table = await screen.findByRole('table', { name: 'Services' });
    const rows = within(table)
      .getAllByRole('row')
      .map((r) => Array.from(r.querySelectorAll('th, td')).map((c) => c.textContent));
    expect(rows).toEqual([
      ['Name', 'Version', 'Type', 'Service URL', 'APIs'],
      ['Itemsitems', '1.0.0', 'OpenAPI 3', 'http://items.internal:8080', '2Out of date'],
      ['orders', '2.0.0', 'GraphQL SDL', 'http://orders.internal/graphql', '1'],
      ['unused', '1.0.0', 'WSDL 1.1', 'http://soap.internal', '0'],
    ]);
    expect(within(table).getAllByText('Out of date')).toHaveLength(1);
    expect(within(table).getByRole('link', { name: 'Items' })).toHaveAttribute('href', '/catalog/services/svc-1');
    expect(screen.getByRole('link', { name: 'Register service' })).toHaveAttribute('href', '/catalog/services/new');
  });

  it('searches by name and filters by definition type on the server', async () => {
    const { calls } = renderView();
    await screen.findByRole('table', { name: 'Services' });
    expect(calls[0]?.body).toMatchObject({ variables: { where: null } });

    const user = userEvent.setup();
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'ite');
    await waitFor(() => expect(calls.at(-1)?.body).toMatchObject({ variables: { where: { nameContainsFold: 'ite' } } }));
    await user.selectOptions(screen.getByLabelText('Definition type'), 'OAS3');
    await waitFor(() =>
      expect(calls.at(-1)?.body).toMatchObject({ variables: { where: { nameContainsFold: 'ite', definitionType: 'OAS3' } } }),
    );
  });
});
