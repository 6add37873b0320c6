import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded, type Reply } from '../../../test/fakeFetch';
import { ApiScopesView } from './ApiScopesView';

function page(scopes: { id: string; name: string; roles: string[] }[]): Reply {
  return {
    body: {
      data: {
        apis: {
          __typename: 'APIConnection',
          edges: [
            {
              __typename: 'APIEdge',
              node: {
                __typename: 'API',
                id: 'a1',
                name: 'PizzaShack',
                version: '1.0.0',
                operations: [{ __typename: 'APIOperation', id: 'o1', method: 'POST', target: '/order', scopes: ['pizza:order'] }],
              },
            },
          ],
        },
        apiScopes: scopes.map((s) => ({ __typename: 'APIScope', displayName: '', description: '', ...s })),
      },
    },
  };
}

function operation(req: Recorded): string | undefined {
  return (req.body as { operationName?: string } | undefined)?.operationName;
}

function renderView(handler: (req: Recorded) => Reply) {
  const f = fakeFetch(handler);
  const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
  render(
    <Provider value={client}>
      <MemoryRouter initialEntries={['/publisher/apis/a1/scopes']}>
        <Routes>
          <Route path="/publisher/apis/:id/scopes" element={<ApiScopesView />} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
  return { calls: f.calls };
}

type Scope = { id: string; name: string; roles: string[] };
const order: Scope = { id: 's1', name: 'pizza:order', roles: [] };
const admin: Scope = { id: 's2', name: 'pizza:admin', roles: ['admin'] };

describe('ApiScopesView', () => {
  it('lists scopes with their roles and the resources using them', async () => {
    renderView(() => page([admin, order]));
    const table = await screen.findByRole('table', { name: 'Scopes' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').slice(0, 3).map((c) => c.textContent))).toEqual([
      ['pizza:admin', 'admin', 'no resource'],
      ['pizza:order', 'any user', 'POST /order'],
    ]);
  });

  it('creates a scope bound to a role', async () => {
    let scopes = [order];
    const { calls } = renderView((req) => {
      if (operation(req) === 'CreateAPIScope') {
        scopes = [admin, order];
        return { body: { data: { createAPIScope: { __typename: 'APIScope', id: 's2', name: 'pizza:admin' } } } };
      }
      return page(scopes);
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add scope' }));
    await user.type(screen.getByLabelText('Name'), 'pizza:admin');
    await user.click(screen.getByLabelText('admin'));
    await user.click(screen.getByRole('button', { name: 'Create scope' }));
    expect(await screen.findByText(/Saved the scope pizza:admin/)).toBeInTheDocument();
    const create = calls.find((c) => operation(c) === 'CreateAPIScope');
    expect((create?.body as { variables: unknown }).variables).toEqual({
      apiID: 'a1',
      input: { name: 'pizza:admin', displayName: '', description: '', roles: ['admin'] },
    });
    expect(await screen.findByRole('cell', { name: 'pizza:admin' })).toBeInTheDocument();
  });

  it('deletes a scope only after confirmation', async () => {
    let scopes = [admin, order];
    const { calls } = renderView((req) => {
      if (operation(req) === 'DeleteAPIScope') {
        scopes = [order];
        return { body: { data: { deleteAPIScope: 's2' } } };
      }
      return page(scopes);
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete pizza:admin' }));
    expect(calls.some((c) => operation(c) === 'DeleteAPIScope')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Confirm delete' }));
    // The list is fetched again after the delete: wait for it rather than for a row that was
    // already there.
    await waitFor(() => expect(screen.queryByRole('cell', { name: 'pizza:admin' })).not.toBeInTheDocument());
    expect(screen.getByText('pizza:order')).toBeInTheDocument();
    expect(calls.filter((c) => operation(c) === 'DeleteAPIScope')).toHaveLength(1);
  });
});
