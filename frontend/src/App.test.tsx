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
  if (req.url === '/api/auth/oidc/logout') return { body: { redirect: '/oauth2/logout?id_token_hint=t' } };
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

let left: string[];
beforeEach(() => {
  left = [];
});

function renderApp(path: string, initial: Session | null) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <SessionProvider initial={initial} leave={(url) => left.push(url)}>
        <AppRoutes />
        <Where />
      </SessionProvider>
    </MemoryRouter>,
  );
}

describe('routing and sign-in', () => {
  it('sends a signed-out visitor through the Key Manager and back to the page they asked for', async () => {
    renderApp('/publisher/apis/new', null);
    expect(screen.getByTestId('location')).toHaveTextContent('/signin?next=%2Fpublisher%2Fapis%2Fnew');
    expect(left).toEqual(['/api/auth/oidc/start?next=%2Fpublisher%2Fapis%2Fnew']);
  });

  it('explains a failed sign-in and offers to start again', async () => {
    renderApp('/signin?error=state_mismatch', null);
    expect(screen.getByRole('alert')).toHaveTextContent('expired');
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/api/auth/oidc/start');
    expect(left).toEqual([]);
  });

  it('redirects / to the publisher and lists APIs with the CSRF header', async () => {
    renderApp('/', sampleSession);
    expect(await screen.findByText('No APIs yet. Create the first one.')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/publisher');
    const gql = calls.find((c) => c.url === '/graphql');
    expect(gql?.headers.get('X-CSRF-Token')).toBe('csrf-123');
  });

  it('signs out through the Key Manager end-session endpoint', async () => {
    renderApp('/admin', sampleSession);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign out' }));
    await vi.waitFor(() => expect(left).toEqual(['/oauth2/logout?id_token_hint=t']));
    const out = calls.find((c) => c.url === '/api/auth/oidc/logout');
    expect(out?.headers.get('X-CSRF-Token')).toBe('csrf-123');
  });

  it('after signing out, /signin says so and does not sign in again by itself', async () => {
    renderApp('/signin?signed_out=1', null);
    expect(screen.getByRole('status')).toHaveTextContent('You signed out.');
    expect(screen.getByRole('link', { name: 'Sign in' })).toBeInTheDocument();
    expect(left).toEqual([]);
  });
});
