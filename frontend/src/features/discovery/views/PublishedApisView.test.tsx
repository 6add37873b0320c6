import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch } from '../../../test/fakeFetch';
import { PublishedApisView } from './PublishedApisView';

const api = (id: string, name: string) => ({ __typename: 'API', id, name, version: '1.0.0', description: '', invocationURLs: [] });

describe('PublishedApisView', () => {
  it('filters the cards by name as the user types, and links each to its page', async () => {
    const f = fakeFetch(() => ({
      body: { data: { apis: { __typename: 'APIConnection', edges: [api('a1', 'PizzaShackAPI'), api('a2', 'Weather')].map((node) => ({ __typename: 'APIEdge', node })) } } },
    }));
    const client = createGraphQLClient({ getCsrfToken: () => 'csrf', onUnauthenticated: vi.fn(), fetch: f.fetch });
    render(
      <Provider value={client}>
        <MemoryRouter>
          <PublishedApisView />
        </MemoryRouter>
      </Provider>,
    );
    expect(await screen.findAllByRole('article')).toHaveLength(2);

    await userEvent.setup().type(screen.getByRole('searchbox', { name: 'Search APIs' }), 'pizza');
    const cards = screen.getAllByRole('article');
    expect(cards).toHaveLength(1);
    expect(within(cards[0]!).getByRole('link', { name: 'PizzaShackAPI' })).toHaveAttribute('href', '/devportal/apis/a1');

    await userEvent.setup().type(screen.getByRole('searchbox', { name: 'Search APIs' }), 'zzz');
    expect(screen.queryAllByRole('article')).toHaveLength(0);
    expect(screen.getByText(/No API name matches/)).toBeInTheDocument();
  });
});
