import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded, type Reply } from '../../../test/fakeFetch';
import { ProductCreateView } from './ProductCreateView';

const sources: Reply = {
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
              operations: [{ __typename: 'APIOperation', id: 'o1', method: 'GET', target: '/menu' }],
            },
          },
          {
            __typename: 'APIEdge',
            node: {
              __typename: 'API',
              id: 'a2',
              name: 'Pets',
              version: '1.0',
              operations: [{ __typename: 'APIOperation', id: 'o2', method: 'GET', target: '/pets' }],
            },
          },
        ],
      },
    },
  },
};

function operation(req: Recorded): string | undefined {
  return (req.body as { operationName?: string } | undefined)?.operationName;
}

describe('ProductCreateView', () => {
  it('bundles the chosen operations of several APIs', async () => {
    const f = fakeFetch((req) =>
      operation(req) === 'CreateAPIProduct' ? { body: { data: { createAPIProduct: { __typename: 'API', id: 'p1', name: 'Bundle' } } } } : sources,
    );
    const client = createGraphQLClient({ getCsrfToken: () => 'csrf', onUnauthenticated: vi.fn(), fetch: f.fetch });
    render(
      <Provider value={client}>
        <MemoryRouter initialEntries={['/publisher/products/new']}>
          <Routes>
            <Route path="/publisher/products/new" element={<ProductCreateView />} />
            <Route path="/publisher/apis/:id" element={<p>product page</p>} />
          </Routes>
        </MemoryRouter>
      </Provider>,
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'Bundle');
    await user.type(screen.getByLabelText('Context'), 'bundle');
    await user.click(screen.getByRole('button', { name: 'Create product' }));
    expect(screen.getByTestId('field-error-operations')).toHaveTextContent('Choose at least one operation');
    await user.click(await screen.findByRole('checkbox', { name: /GET \/menu/ }));
    await user.click(screen.getByRole('checkbox', { name: /GET \/pets/ }));
    await user.click(screen.getByRole('button', { name: 'Create product' }));
    expect(await screen.findByText('product page')).toBeInTheDocument();
    const call = f.calls.find((c) => operation(c) === 'CreateAPIProduct');
    expect(call?.body).toMatchObject({ variables: { input: { name: 'Bundle', context: 'bundle', version: '1.0.0', operationIDs: ['o1', 'o2'] } } });
  });
});
