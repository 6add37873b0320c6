import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Reply } from '../../../test/fakeFetch';
import { ApiCreateView } from './ApiCreateView';

function renderView(reply: Reply) {
  const f = fakeFetch(() => reply);
  const onUnauthenticated = vi.fn();
  const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated, fetch: f.fetch });
  render(
    <Provider value={client}>
      <MemoryRouter initialEntries={['/publisher/apis/new']}>
        <Routes>
          <Route path="/publisher/apis/new" element={<ApiCreateView />} />
          <Route path="/publisher/apis/:id" element={<p>detail page</p>} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
  return { calls: f.calls, onUnauthenticated };
}

async function fillAndSubmit(context: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Name'), 'Greeting');
  await user.type(screen.getByLabelText('Context'), context);
  await user.clear(screen.getByLabelText('Version'));
  await user.type(screen.getByLabelText('Version'), '1.0.0');
  await user.type(screen.getByLabelText('Endpoint'), 'http://127.0.0.1:9999');
  await user.click(screen.getByRole('button', { name: 'Create' }));
}

describe('ApiCreateView', () => {
  it('shows a field error from the server next to the field it names', async () => {
    const { calls } = renderView({
      body: {
        data: null,
        errors: [
          {
            message: 'context may contain only letters, digits, "-", "_" and "/"',
            path: ['createAPI'],
            extensions: { code: 'BAD_USER_INPUT', field: 'context' },
          },
        ],
      },
    });
    await fillAndSubmit('has space');

    const error = await screen.findByTestId('field-error-context');
    expect(error).toHaveTextContent('context may contain only letters');
    const input = screen.getByLabelText('Context');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(expect.stringContaining('context may contain only letters'));
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByRole('alert')).toBeNull();

    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('/graphql');
    expect(calls[0]?.headers.get('X-CSRF-Token')).toBe('csrf-123');
    expect(calls[0]?.body).toMatchObject({
      variables: { input: { name: 'Greeting', context: 'has space', version: '1.0.0', endpoint: 'http://127.0.0.1:9999' } },
    });
  });

  it('shows errors without a field in a banner', async () => {
    renderView({ body: { data: null, errors: [{ message: 'API greeting 1.0.0 exists', extensions: { code: 'CONFLICT' } }] } });
    await fillAndSubmit('greeting');
    expect(await screen.findByRole('alert')).toHaveTextContent('API greeting 1.0.0 exists');
  });

  it('goes to the new API once created', async () => {
    renderView({ body: { data: { createAPI: { __typename: 'API', id: 'a1', name: 'Greeting' } } } });
    await fillAndSubmit('greeting');
    expect(await screen.findByText('detail page')).toBeInTheDocument();
  });

  it('asks for required fields before calling the server', async () => {
    const { calls } = renderView({ body: {} });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Create' }));
    expect(screen.getByTestId('field-error-name')).toHaveTextContent('Required.');
    expect(screen.getByTestId('field-error-context')).toHaveTextContent('Required.');
    expect(calls).toHaveLength(0);
  });

  it('reports a 401 as a lost session', async () => {
    const { onUnauthenticated } = renderView({ status: 401, body: { code: 'UNAUTHENTICATED', message: 'sign in' } });
    await fillAndSubmit('greeting');
    await vi.waitFor(() => expect(onUnauthenticated).toHaveBeenCalled());
  });

  it('creates a WebSocket API with its topics', async () => {
    const { calls } = renderView({ body: { data: { createAPI: { __typename: 'API', id: 'a1', name: 'Chat' } } } });
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Kind'), 'WS');
    await user.type(screen.getByLabelText('Name'), 'Chat');
    await user.type(screen.getByLabelText('Context'), 'chat');
    await user.type(screen.getByLabelText('Endpoint'), 'http://127.0.0.1:9999');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(screen.getByTestId('field-error-topics')).toHaveTextContent('at least one topic');
    expect(calls).toHaveLength(0);
    await user.type(screen.getByLabelText('Topics'), '/rooms/{{room}{enter}alerts');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('detail page')).toBeInTheDocument();
    expect(calls[0]?.body).toMatchObject({ variables: { input: { type: 'WS', topics: ['/rooms/{room}', 'alerts'] } } });
  });
});
