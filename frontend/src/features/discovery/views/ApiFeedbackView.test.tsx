import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded } from '../../../test/fakeFetch';
import { ApiFeedbackView } from './ApiFeedbackView';

const comment = (id: string, author: string, body: string, extra: object = {}) => ({
  __typename: 'Comment',
  id,
  author,
  body,
  createdAt: '2026-11-23T10:00:00Z',
  hidden: false,
  canDelete: false,
  canModerate: false,
  ...extra,
});

function feedback(mine: number | null, lifecycleStatus = 'PUBLISHED') {
  return {
    data: {
      apis: {
        __typename: 'APIConnection',
        edges: [
          {
            __typename: 'APIEdge',
            node: {
              __typename: 'API',
              id: 'api-1',
              lifecycleStatus,
              rating: { __typename: 'RatingSummary', average: 4.333, count: 3, mine },
              comments: [{ ...comment('c1', 'alice', 'What does POST /order need?', { canDelete: true }), replies: [comment('c2', 'publisher', 'A pizzaType.')] }],
            },
          },
        ],
      },
    },
  };
}

function op(req: Recorded) {
  return (req.body as { operationName: string }).operationName;
}

describe('ApiFeedbackView', () => {
  it('shows a deprecated API\'s feedback read-only', async () => {
    const f = fakeFetch((req) => (op(req) === 'DevPortalApiFeedback' ? { body: feedback(5, 'DEPRECATED') } : { status: 500 }));
    const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
    render(
      <Provider value={client}>
        <ApiFeedbackView apiID="api-1" />
      </Provider>,
    );
    expect(await screen.findByText(/deprecated: its ratings and comments are read-only/)).toBeInTheDocument();
    expect(screen.getByText('A pizzaType.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '4 stars' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reply to alice' })).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Add a comment' })).not.toBeInTheDocument();
  });

  it('shows the average, rates, and posts a reply', async () => {
    let mine: number | null = null;
    const f = fakeFetch((req) => {
      switch (op(req)) {
        case 'DevPortalApiFeedback':
          return { body: feedback(mine) };
        case 'RateApi':
          mine = (req.body as { variables: { stars: number } }).variables.stars;
          return { body: { data: { rateAPI: { __typename: 'RatingSummary', average: 4.5, count: 4, mine } } } };
        case 'AddComment':
          return { body: { data: { addComment: { __typename: 'Comment', id: 'c3' } } } };
      }
      return { status: 500 };
    });
    const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
    render(
      <Provider value={client}>
        <ApiFeedbackView apiID="api-1" />
      </Provider>,
    );
    expect(await screen.findByLabelText('Rated 4.3 out of 5 by 3 users')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '4 stars' }));
    expect(await screen.findByRole('button', { name: '4 stars', pressed: true })).toBeInTheDocument();
    expect(f.calls.find((c) => op(c) === 'RateApi')?.body).toMatchObject({ variables: { apiID: 'api-1', stars: 4 } });

    const comments = screen.getByRole('list', { name: 'Comments' });
    expect(within(comments).getByText('A pizzaType.')).toBeInTheDocument();
    expect(within(comments).getByRole('button', { name: 'Delete comment by alice' })).toBeInTheDocument();
    expect(within(comments).queryByRole('button', { name: 'Delete comment by publisher' })).not.toBeInTheDocument();
    await userEvent.click(within(comments).getByRole('button', { name: 'Reply to alice' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Reply to alice' }), 'And a quantity.');
    await userEvent.click(screen.getByRole('button', { name: 'Post reply' }));
    await vi.waitFor(() => expect(f.calls.find((c) => op(c) === 'AddComment')?.body).toMatchObject({ variables: { apiID: 'api-1', body: 'And a quantity.', parentID: 'c1' } }));
  });
});
