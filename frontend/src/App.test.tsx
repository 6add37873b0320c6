import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from './App';
import type { Session } from './lib/auth';
import { SessionProvider } from './lib/session';
import { fakeFetch, sampleSession, type Recorded, type Reply } from './test/fakeFetch';

function Where() {
  const l = useLocation();
  return <p data-testid="location">{l.pathname + l.search}</p>;
}

// The control plane as the SPA sees it: /auth/* and an empty /graphql.
function server(req: Recorded): Reply {
  if (req.url === '/auth/login') {
    const { password } = req.body as { password: string };
    return password === 'right' ? { body: sampleSession } : { status: 401, body: { code: 'UNAUTHENTICATED', message: 'invalid username or password' } };
  }
  if (req.url === '/auth/logout') return { status: 204 };
  if (req.url === '/graphql') {
    const empty = { __typename: 'Connection', totalCount: 0, edges: [] };
    const { operationName } = req.body as { operationName?: string };
    if (operationName === 'AdminUsers') return { body: { data: { users: empty } } };
    if (operationName === 'AdminEnvironments') return { body: { data: { environments: empty } } };
    return { body: { data: { apis: empty } } };
  }
  return { status: 404 };
}

let calls: Recorded[];
beforeEach(() => {
  const f = fakeFetch(server);
  calls = f.calls;
  vi.stubGlobal('fetch', f.fetch);
});
afterEach(() => vi.unstubAllGlobals());

function renderApp(path: string, initial: Session | null) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <SessionProvider initial={initial}>
        <AppRoutes />
        <Where />
      </SessionProvider>
    </MemoryRouter>,
  );
}

describe('routing and sign-in', () => {
  it('sends a signed-out visitor to /signin and back to the page they asked for', async () => {
    renderApp('/publisher/apis/new', null);
    expect(screen.getByTestId('location')).toHaveTextContent('/signin?next=%2Fpublisher%2Fapis%2Fnew');

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Username'), 'publisher');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('invalid username or password');

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), 'right');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Create API' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/publisher/apis/new');
    expect(screen.getByTestId('signed-in-user')).toHaveTextContent('publisher');
  });

  it('redirects / to the publisher and lists APIs with the CSRF header', async () => {
    renderApp('/', sampleSession);
    expect(await screen.findByText('No APIs yet. Create the first one.')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/publisher');
    const gql = calls.find((c) => c.url === '/graphql');
    expect(gql?.headers.get('X-CSRF-Token')).toBe('csrf-123');
  });

  it('signs out to /signin', async () => {
    renderApp('/admin', sampleSession);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/signin$/);
    const out = calls.find((c) => c.url === '/auth/logout');
    expect(out?.headers.get('X-CSRF-Token')).toBe('csrf-123');
  });
});
