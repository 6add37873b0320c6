import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded, type Reply } from '../../../test/fakeFetch';
import { drift, serviceConnection, serviceNode, usageApi } from '../fixtures';
import { ServiceDetailView } from './ServiceDetailView';

function PublisherApi() {
  return <p>publisher API {useParams().id}</p>;
}

function renderView(handler: (req: Recorded) => Reply) {
  const f = fakeFetch(handler);
  const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
  render(
    <Provider value={client}>
      <MemoryRouter initialEntries={['/catalog/services/svc-1']}>
        <Routes>
          <Route path="/catalog" element={<p>catalog list</p>} />
          <Route path="/catalog/services/:id" element={<ServiceDetailView />} />
          <Route path="/publisher/apis/:id" element={<PublisherApi />} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
  return { calls: f.calls };
}

const query = (req: Recorded) => (req.body as { query: string }).query;
const variables = (req: Recorded) => (req.body as { variables: Record<string, unknown> }).variables;

describe('ServiceDetailView', () => {
  it('shows the service, its definition and hash', async () => {
    renderView(() => ({ body: serviceConnection([serviceNode()]) }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Items' })).toBeInTheDocument();
    expect(screen.getByTestId('service-url')).toHaveTextContent('http://items.internal:8080');
    expect(screen.getByTestId('service-definition-type')).toHaveTextContent('OpenAPI 3');
    expect(screen.getByTestId('service-definition-hash')).toHaveTextContent('sha256:abc123');
    const pre = screen.getByTestId('service-definition');
    expect(pre.tagName).toBe('PRE');
    expect(pre).toHaveTextContent('openapi: 3.0.3');
    expect(screen.getByText('No API uses this service yet.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Edit' })).toHaveAttribute('href', '/catalog/services/svc-1/edit');
  });

  it('lists what differs for an API out of date and updates it from the service', async () => {
    let updated = false;
    const { calls } = renderView((req) => {
      if (query(req).includes('updateAPIFromService')) {
        updated = true;
        return { body: { data: { updateAPIFromService: { __typename: 'API', id: 'api-2', drift: drift() } } } };
      }
      return {
        body: serviceConnection([
          serviceNode({
            usage: [
              usageApi('api-1', 'ItemsCurrent'),
              usageApi('api-2', 'ItemsOld', updated ? drift() : drift(['DELETE /items/{id}'], ['POST /items'], ['GET /items'])),
            ],
          }),
        ]),
      };
    });

    const table = await screen.findByRole('table', { name: 'APIs using this service' });
    const current = within(table).getByRole('row', { name: /ItemsCurrent/ });
    expect(within(current).getByTestId('drift-status')).toHaveTextContent('Up to date');
    expect(within(current).queryByRole('button', { name: 'Update API' })).toBeNull();
    expect(within(current).getByRole('link', { name: 'ItemsCurrent' })).toHaveAttribute('href', '/publisher/apis/api-1');

    const old = within(table).getByRole('row', { name: /ItemsOld/ });
    expect(within(old).getByTestId('drift-status')).toHaveTextContent('Out of date');
    expect(within(old).getByRole('list', { name: 'Added' })).toHaveTextContent('DELETE /items/{id}');
    expect(within(old).getByRole('list', { name: 'Removed' })).toHaveTextContent('POST /items');
    expect(within(old).getByRole('list', { name: 'Changed' })).toHaveTextContent('GET /items');

    await userEvent.setup().click(within(old).getByRole('button', { name: 'Update API' }));

    const mutation = calls.find((c) => query(c).includes('updateAPIFromService'));
    expect(mutation && variables(mutation)).toEqual({ apiID: 'api-2' });
    expect(mutation?.headers.get('X-CSRF-Token')).toBe('csrf-123');
    expect(await screen.findByRole('status')).toHaveTextContent('ItemsOld now matches the service.');
    await vi.waitFor(() =>
      expect(within(screen.getByRole('row', { name: /ItemsOld/ })).getByTestId('drift-status')).toHaveTextContent('Up to date'),
    );
  });

  it('creates an API from the service and opens it in the publisher', async () => {
    const { calls } = renderView((req) =>
      query(req).includes('createAPIFromService')
        ? { body: { data: { createAPIFromService: { __typename: 'API', id: 'api-7', name: 'Items' } } } }
        : { body: serviceConnection([serviceNode()]) },
    );
    const form = await screen.findByRole('form', { name: 'Create API' });
    const user = userEvent.setup();
    // Pre-filled from the entry.
    expect(within(form).getByLabelText('Name')).toHaveValue(serviceNode().displayName || serviceNode().name);
    expect(within(form).getByLabelText('Version')).toHaveValue(serviceNode().version);
    await user.clear(within(form).getByLabelText('Context'));
    await user.type(within(form).getByLabelText('Context'), 'items-v1');
    await user.click(within(form).getByRole('button', { name: 'Create API' }));
    expect(await screen.findByText('publisher API api-7')).toBeInTheDocument();
    const mutation = calls.find((c) => query(c).includes('createAPIFromService'));
    expect(mutation && variables(mutation)).toEqual({
      input: { serviceID: 'svc-1', name: serviceNode().displayName || serviceNode().name, context: 'items-v1', version: serviceNode().version },
    });
  });

  it('shows why a service in use cannot be deleted', async () => {
    renderView((req) =>
      query(req).includes('deleteServiceEntry')
        ? { body: { data: null, errors: [{ message: 'service items 1.0.0 is used by APIs: ItemsOld 1.0.0', extensions: { code: 'CONFLICT' } }] } }
        : { body: serviceConnection([serviceNode({ usage: [usageApi('api-2', 'ItemsOld')] })]) },
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Confirm delete' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('is used by APIs: ItemsOld 1.0.0');
    expect(screen.queryByText('catalog list')).toBeNull();
  });
});
