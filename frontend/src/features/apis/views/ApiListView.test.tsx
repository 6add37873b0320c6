import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded, type Reply } from '../../../test/fakeFetch';
import { ApiListView } from './ApiListView';

function page(names: string[]): Reply {
  return {
    body: {
      data: {
        searchAPIs: {
          __typename: 'APIConnection',
          totalCount: names.length,
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
          edges: names.map((n, i) => ({
            __typename: 'APIEdge',
            node: { __typename: 'API', id: `a${i}`, name: n, version: 'v1', context: n.toLowerCase(), lifecycleStatus: 'CREATED', type: 'HTTP', description: '', thumbnailURL: null },
          })),
        },
      },
    },
  };
}

function Where() {
  return <p data-testid="where">{useLocation().search}</p>;
}

function renderList(handler: (req: Recorded) => Reply, url = '/publisher') {
  const f = fakeFetch(handler);
  const client = createGraphQLClient({ getCsrfToken: () => 'x', onUnauthenticated: vi.fn(), fetch: f.fetch });
  render(
    <Provider value={client}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route
            path="/publisher"
            element={
              <>
                <ApiListView />
                <Where />
              </>
            }
          />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
  return f.calls;
}

const vars = (r: Recorded) => (r.body as { variables?: { q?: string } }).variables;

describe('ApiListView', () => {
  it('searches with the query in the URL', async () => {
    const calls = renderList((req) => (vars(req)?.q === 'tag:food' ? page(['PizzaShack']) : page(['PizzaShack', 'Weather'])));
    expect(await screen.findByText('Weather')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByRole('searchbox', { name: 'Search APIs' }), 'tag:food');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('1 API(s) match.')).toBeInTheDocument();
    expect(screen.queryByText('Weather')).toBeNull();
    expect(screen.getByTestId('where')).toHaveTextContent('?q=tag%3Afood');
    expect(calls.some((c) => vars(c)?.q === 'tag:food')).toBe(true);
  });

  it('shows what is wrong with a malformed search', async () => {
    renderList(
      () => ({ body: { data: null, errors: [{ message: 'unknown search field "colour"', extensions: { code: 'BAD_USER_INPUT', field: 'query' } }] } }),
      '/publisher?q=colour:red',
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('unknown search field');
  });

  it('switches between table and cards, keeping the layout in the URL', async () => {
    renderList(() => page(['Pets']), '/publisher?q=pets');
    expect(await screen.findByRole('table', { name: 'APIs' })).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Cards' }));
    expect(await screen.findByRole('list', { name: 'APIs' })).toHaveTextContent('Pets');
    expect(screen.getByTestId('where')).toHaveTextContent('q=pets&view=cards');
    expect(screen.getByRole('button', { name: 'Cards' })).toHaveAttribute('aria-pressed', 'true');
    await user.click(screen.getByRole('button', { name: 'Table' }));
    expect(screen.getByTestId('where')).toHaveTextContent('?q=pets');
    expect(screen.getByTestId('where')).not.toHaveTextContent('view');
  });
});
