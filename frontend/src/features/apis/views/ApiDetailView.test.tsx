import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Recorded, type Reply } from '../../../test/fakeFetch';
import { ApiDetailView } from './ApiDetailView';

function api(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'API',
    id: 'a1',
    name: 'Pet Store',
    context: 'pets',
    version: '1.0.0',
    description: '',
    productionEndpoint: 'http://127.0.0.1:9999',
    lifecycleStatus: 'CREATED',
    isDefaultVersion: false,
    invocationURLs: [],
    definitionType: 'OAS3',
    operations: [
      { __typename: 'APIOperation', id: 'o1', method: 'GET', target: '/pets', authRequired: true, scopes: [] },
      { __typename: 'APIOperation', id: 'o2', method: 'POST', target: '/pets', authRequired: true, scopes: ['pets:write'] },
      { __typename: 'APIOperation', id: 'o3', method: 'GET', target: '/health', authRequired: false, scopes: null },
    ],
    lifecycleActions: ['PUBLISH', 'DEPLOY_AS_PROTOTYPE'],
    lifecycleHistory: [],
    serviceEntry: null,
    drift: { __typename: 'ServiceDrift', outOfDate: false, added: [], removed: [], changed: [] },
    removedSincePreviousVersion: [],
    previousVersion: null,
    breakingChanges: [],
    revisions: { __typename: 'APIRevisionConnection', totalCount: 1 },
    deployments: [],
    ...overrides,
  };
}

function detail(node: ReturnType<typeof api>): Reply {
  return { body: { data: { apis: { __typename: 'APIConnection', edges: [{ __typename: 'APIEdge', node }] } } } };
}

function operation(req: Recorded): string | undefined {
  return (req.body as { operationName?: string } | undefined)?.operationName;
}

function renderView(handler: (req: Recorded) => Reply) {
  const f = fakeFetch(handler);
  const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
  render(
    <Provider value={client}>
      <MemoryRouter initialEntries={['/publisher/apis/a1']}>
        <Routes>
          <Route path="/publisher/apis/:id" element={<ApiDetailView />} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
  return { calls: f.calls };
}

describe('ApiDetailView', () => {
  it('lists the resources with whether they need authentication', async () => {
    renderView(() => detail(api()));
    const table = await screen.findByRole('table', { name: 'Resources' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['GET', '/pets', 'Yes', 'none', 'none', 'Edit Delete'],
      ['POST', '/pets', 'Yes', 'pets:write', 'none', 'Edit Delete'],
      ['GET', '/health', 'No', 'none', 'none', 'Edit Delete'],
    ]);
  });

  it('shows the breaking changes against the previous version before publishing', async () => {
    renderView(() =>
      detail(
        api({
          version: '2.0.0',
          previousVersion: { __typename: 'API', id: 'a0', version: '1.0.0' },
          breakingChanges: [
            { __typename: 'BreakingChange', kind: 'operation-removed', operation: 'DELETE /pets/{id}', message: 'the operation was removed' },
            { __typename: 'BreakingChange', kind: 'required-parameter-added', operation: 'GET /pets', message: 'new required header parameter "owner"' },
          ],
        }),
      ),
    );
    const panel = await screen.findByTestId('breaking-changes');
    expect(within(panel).getByRole('heading')).toHaveTextContent('Breaking changes since 1.0.0');
    expect(within(panel).getAllByRole('row')).toHaveLength(3);
    expect(panel).toHaveTextContent('DELETE /pets/{id}');
    // The list comes before the Publish action.
    const publish = screen.getByRole('button', { name: 'Publish' });
    expect(panel.compareDocumentPosition(publish) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('offers one button per allowed lifecycle action and sends the chosen one with the reason', async () => {
    let published = false;
    const { calls } = renderView((req) => {
      if (operation(req) === 'ChangeAPILifecycle') {
        published = true;
        return { body: { data: { changeAPILifecycle: { __typename: 'API', id: 'a1', lifecycleStatus: 'PUBLISHED', lifecycleActions: ['BLOCK', 'DEPRECATE'] } } } };
      }
      return published
        ? detail(
            api({
              lifecycleStatus: 'PUBLISHED',
              lifecycleActions: ['BLOCK', 'DEPRECATE', 'DEMOTE_TO_CREATED'],
              lifecycleHistory: [{ __typename: 'LifecycleEvent', from: 'CREATED', to: 'PUBLISHED', actor: 'publisher', reason: 'ready', time: '2026-01-02T03:04:05Z' }],
            }),
          )
        : detail(api());
    });

    const actions = await screen.findByRole('form', { name: 'Lifecycle actions' });
    expect(within(actions).getAllByRole('button').map((b) => b.textContent)).toEqual(['Publish', 'Deploy as prototype']);
    expect(screen.getByTestId('lifecycle-status')).toHaveTextContent('Created');
    expect(screen.getByText('No lifecycle changes yet.')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Reason'), 'ready');
    await user.click(within(actions).getByRole('button', { name: 'Publish' }));

    const change = calls.find((c) => operation(c) === 'ChangeAPILifecycle');
    expect(change?.body).toMatchObject({ variables: { id: 'a1', action: 'PUBLISH', reason: 'ready' } });
    expect(change?.headers.get('X-CSRF-Token')).toBe('csrf-123');

    const history = await screen.findByRole('table', { name: 'Lifecycle history' });
    expect(within(history).getAllByRole('row')[1]).toHaveTextContent('CREATED → PUBLISHED');
    expect(within(history).getAllByRole('row')[1]).toHaveTextContent('publisher');
    expect(screen.getByTestId('lifecycle-status')).toHaveTextContent('Published');
    expect(within(screen.getByRole('form', { name: 'Lifecycle actions' })).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Block',
      'Deprecate',
      'Demote to created',
    ]);
    expect(screen.getByLabelText('Reason')).toHaveValue('');
  });

  it('shows a refused lifecycle change in a banner', async () => {
    const { calls } = renderView((req) =>
      operation(req) === 'ChangeAPILifecycle'
        ? { body: { data: null, errors: [{ message: 'deploy a revision before publishing', path: ['changeAPILifecycle'], extensions: { code: 'CONFLICT' } }] } }
        : detail(api()),
    );
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Publish' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('deploy a revision before publishing');
    expect(calls.find((c) => operation(c) === 'ChangeAPILifecycle')?.body).toMatchObject({ variables: { action: 'PUBLISH', reason: null } });
  });
});
