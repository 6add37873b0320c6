import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded, type Reply } from '../../../test/fakeFetch';
import { ProductOperationsPanel } from './ProductOperationsPanel';

const op = (id: string, method: string, target: string) => ({ __typename: 'APIOperation', id, method, target });
const sources: Reply = {
  body: {
    data: {
      apis: {
        __typename: 'APIConnection',
        edges: [
          { __typename: 'APIEdge', node: { __typename: 'API', id: 'a1', name: 'PizzaShack', version: '1.0.0', operations: [op('o1', 'GET', '/menu')] } },
          { __typename: 'APIEdge', node: { __typename: 'API', id: 'a2', name: 'Pets', version: '1.0', operations: [op('o2', 'GET', '/pets'), op('o3', 'GET', '/menu')] } },
        ],
      },
    },
  },
};
const current: Reply = {
  body: {
    data: {
      node: { __typename: 'API', id: 'p1', operations: [{ ...op('p-o1', 'GET', '/menu'), sourceOperation: { __typename: 'APIOperation', id: 'o1' } }] },
    },
  },
};

function operation(req: Recorded): string | undefined {
  return (req.body as { operationName?: string } | undefined)?.operationName;
}

function renderPanel(onUpdate: () => Reply) {
  const f = fakeFetch((req) => {
    switch (operation(req)) {
      case 'PublisherProductOperations':
        return current;
      case 'UpdateAPIProductOperations':
        return onUpdate();
      default:
        return sources;
    }
  });
  const client = createGraphQLClient({ getCsrfToken: () => 'csrf', onUnauthenticated: vi.fn(), fetch: f.fetch });
  render(
    <Provider value={client}>
      <ProductOperationsPanel id="p1" />
    </Provider>,
  );
  return f;
}

describe('ProductOperationsPanel', () => {
  it('starts from the operations the product links to and saves the new set', async () => {
    const f = renderPanel(() => ({
      body: { data: { updateAPIProductOperations: { __typename: 'API', id: 'p1', operations: [] } } },
    }));
    const user = userEvent.setup();
    const menu = await screen.findByRole('checkbox', { name: /GET \/menu.*PizzaShack/ });
    expect(menu).toBeChecked();
    await user.click(menu);
    await user.click(screen.getByRole('button', { name: 'Save operations' }));
    expect(screen.getByTestId('field-error-operations')).toHaveTextContent('Choose at least one operation');
    await user.click(screen.getByRole('checkbox', { name: /GET \/pets/ }));
    await user.click(screen.getByRole('button', { name: 'Save operations' }));
    expect(await screen.findByRole('status')).toHaveTextContent('bundles 1 operation; deploy a revision');
    const call = f.calls.find((c) => operation(c) === 'UpdateAPIProductOperations');
    expect(call?.body).toMatchObject({ variables: { id: 'p1', operationIDs: ['o2'] } });
  });

  it('shows the server refusing a clash at the operations', async () => {
    renderPanel(() => ({
      body: {
        data: null,
        errors: [
          {
            message: 'GET /menu is chosen from both PizzaShack and Pets; a product routes each method and path once',
            path: ['updateAPIProductOperations'],
            extensions: { code: 'BAD_USER_INPUT', field: 'operations' },
          },
        ],
      },
    }));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('checkbox', { name: /GET \/menu.*Pets/ }));
    await user.click(screen.getByRole('button', { name: 'Save operations' }));
    expect(await screen.findByTestId('field-error-operations')).toHaveTextContent('routes each method and path once');
  });
});
