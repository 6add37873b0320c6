import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded } from '../../../test/fakeFetch';
import { PublishedApisView } from './PublishedApisView';

const api = (id: string, name: string, thumbnailURL: string | null = null) => ({
  __typename: 'API',
  id,
  name,
  version: '1.0.0',
  description: 'x'.repeat(300),
  thumbnailURL,
  lifecycleStatus: 'PUBLISHED',
  rating: { __typename: 'RatingSummary', average: 4, count: 2 },
});

const facet = (name: string, count: number) => ({ __typename: 'CatalogueFacet', name, count });

type Vars = { query?: string; tags?: string[]; categories?: string[]; sort?: string };

/** A catalogue server: a search "bad:" is malformed; the food tag narrows to PizzaShack. */
function server(req: Recorded) {
  const vars = (req.body as { variables: Vars }).variables;
  if (vars.query?.includes('bad:')) {
    return { body: { data: null, errors: [{ message: 'unknown search field "bad"', extensions: { code: 'BAD_USER_INPUT', field: 'query' } }] } };
  }
  const all = [api('a1', 'PizzaShackAPI', '/api/publisher/v1/apis/a1/thumbnail'), api('a2', 'Weather Service')];
  const apis = vars.tags?.includes('food') ? all.slice(0, 1) : all;
  return {
    body: {
      data: {
        catalogue: { __typename: 'Catalogue', totalCount: apis.length, tags: [facet('food', 1), facet('weather', 1)], categories: [facet('Retail', 1)], apis },
      },
    },
  };
}

function renderView() {
  const f = fakeFetch(server);
  const client = createGraphQLClient({ getCsrfToken: () => 'csrf', onUnauthenticated: vi.fn(), fetch: f.fetch });
  render(
    <Provider value={client}>
      <MemoryRouter>
        <PublishedApisView />
      </MemoryRouter>
    </Provider>,
  );
  return f;
}

const lastVars = (f: ReturnType<typeof fakeFetch>) => (f.calls.at(-1)!.body as { variables: Vars }).variables;

describe('PublishedApisView', () => {
  it('shows cards with thumbnail or initials, rating and a short description, linked to their page', async () => {
    renderView();
    const cards = await screen.findAllByRole('article');
    expect(cards).toHaveLength(2);
    expect(within(cards[0]!).getByRole('link', { name: 'PizzaShackAPI' })).toHaveAttribute('href', '/devportal/apis/a1');
    expect(cards[0]!.querySelector('img')).toHaveAttribute('src', '/api/publisher/v1/apis/a1/thumbnail');
    expect(within(cards[1]!).getByText('WS')).toBeInTheDocument();
    expect(within(cards[1]!).getByLabelText(/Rated 4.0 out of 5/)).toBeInTheDocument();
    expect(within(cards[1]!).getByText(/…$/).textContent!.length).toBeLessThan(170);
  });

  it('sends the search, chips and sort to the server, and shows a malformed search next to the box', async () => {
    const f = renderView();
    await screen.findAllByRole('article');
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: /food/ }));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(1));
    expect(lastVars(f).tags).toEqual(['food']);
    expect(screen.getByRole('button', { name: /food/ })).toHaveAttribute('aria-pressed', 'true');

    await user.selectOptions(screen.getByLabelText('Sort by'), 'Rating');
    await waitFor(() => expect(lastVars(f).sort).toBe('RATING'));

    await user.type(screen.getByRole('searchbox', { name: 'Search APIs' }), 'tag:food');
    await waitFor(() => expect(lastVars(f).query).toBe('tag:food'));

    await user.clear(screen.getByRole('searchbox', { name: 'Search APIs' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search APIs' }), 'bad:x');
    expect(await screen.findByTestId('field-error-query')).toHaveTextContent('unknown search field');
    // The last good cards stay while the search is being fixed.
    expect(screen.getAllByRole('article')).toHaveLength(1);
  });
});
