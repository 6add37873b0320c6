import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from './App';
import type { Session } from './lib/auth';
import { SessionProvider } from './lib/session';
import { fakeFetch, sampleSession, type Recorded, type Reply } from './test/fakeFetch';
import { sessionAs, sessionWith } from './test/sessions';

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
    if (operationName === 'DevPortalCatalogue')
      return { body: { data: { catalogue: { __typename: 'Catalogue', totalCount: 0, tags: [], categories: [], apis: [] } } } };
    if (operationName === 'DevPortalApi') return { body: { data: { catalogueAPI: publicApi } } };
    if (operationName === 'DevPortalApiFeedback') return { body: { data: { apis: { __typename: 'APIConnection', edges: [] } } } };
    return { body: { data: { apis: empty } } };
  }
  return { status: 404 };
}

const publicApi = {
  __typename: 'API',
  id: 'api-1',
  name: 'PizzaShackAPI',
  version: '1.0.0',
  context: 'pizzashack',
  type: 'HTTP',
  description: 'Pizzas.',
  lifecycleStatus: 'PUBLISHED',
  thumbnailURL: null,
  tags: [],
  categories: [],
  businessOwnerName: '',
  businessOwnerEmail: '',
  technicalOwnerName: '',
  technicalOwnerEmail: '',
  definitionType: 'OPENAPI',
  cors: { __typename: 'CORSPolicy', enabled: false, allowOrigins: [] },
  gatewayEndpoints: [],
  offeredTiers: [],
  documents: [],
  operations: [],
};

const subscriber: Session = { user: { id: 'u2', username: 'newbie', displayName: 'Newbie' }, roles: ['subscriber'], roleNames: ['subscriber'], permissions: ['apps:manage'], csrfToken: 'csrf-456' };

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

describe('role-aware portals', () => {
  it('starts a subscriber at the Developer Portal and shows only its tab', async () => {
    renderApp('/', subscriber);
    expect(await screen.findByRole('heading', { level: 1, name: 'APIs' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/devportal');
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    expect(Array.from(nav.querySelectorAll('a')).map((a) => a.textContent)).toEqual(['Developer Portal']);
  });

  const forbidden: [string, string, string][] = [
    ['/publisher', 'The Publisher portal is for publishers and administrators.', 'publisher'],
    ['/publisher/apis/import', 'The Publisher portal is for publishers and administrators.', 'publisher'],
    ['/catalog', 'The Service Catalog portal is for publishers and administrators.', 'catalog'],
    ['/admin', 'The Admin portal is for administrators.', 'admin'],
  ];
  for (const [path, words] of forbidden) {
    it(`says in words that a subscriber may not use ${path}`, async () => {
      renderApp(path, subscriber);
      const page = screen.getByRole('region', { name: 'Not available with your role' });
      expect(page).toHaveTextContent(words);
      expect(page).toHaveTextContent('You are signed in as newbie with the role subscriber.');
      expect(screen.getByRole('link', { name: 'Go to the Developer Portal' })).toHaveAttribute('href', '/devportal');
      // Nothing of the portal ran: no GraphQL query, no raw error.
      expect(calls.filter((c) => c.url === '/graphql')).toEqual([]);
      expect(screen.getByTestId('location')).toHaveTextContent(path);
    });
  }

  it('tells a publisher that Admin is for administrators', () => {
    renderApp('/admin/policies', sampleSession);
    expect(screen.getByRole('region', { name: 'Not available with your role' })).toHaveTextContent(
      'The Admin portal is for administrators. You are signed in as publisher with the role publisher.',
    );
    expect(screen.getByRole('link', { name: 'Go to the Publisher' })).toHaveAttribute('href', '/publisher');
  });
});

describe('portals and Admin pages keyed on permissions', () => {
  const tabs = () => Array.from(screen.getByRole('navigation', { name: 'Areas' }).querySelectorAll('a')).map((a) => a.textContent);
  const adminLinks = () => Array.from(screen.getByRole('navigation', { name: 'Admin' }).querySelectorAll('a')).map((a) => a.textContent);

  it('shows a user holding only admin:policies the Admin portal with just the policies page', async () => {
    renderApp('/admin', sessionWith('pol', ['policy-admin'], ['admin:policies']));
    expect(tabs()).toEqual(['Developer Portal', 'Admin']);
    expect(adminLinks()).toEqual(['Throttling policies']);
    // The Administration page holds nothing for them: /admin leads to their one page.
    expect(screen.getByTestId('location')).toHaveTextContent('/admin/policies');
    expect(await screen.findByRole('heading', { level: 1, name: 'Throttling policies' })).toBeInTheDocument();
  });

  it('says in words which permission an Admin page needs', () => {
    renderApp('/admin/roles', sessionWith('pol', ['policy-admin'], ['admin:policies']));
    const page = screen.getByRole('region', { name: 'Not available with your role' });
    expect(page).toHaveTextContent('The Roles page needs the permission admin:roles. You are signed in as pol with the role policy-admin.');
    expect(screen.getByRole('link', { name: 'Go to the first page you may use' })).toHaveAttribute('href', '/admin/policies');
    expect(calls.filter((c) => c.url === '/graphql')).toEqual([]);
  });

  it('gives a custom api-designer role the Publisher but not Admin or the Service Catalog', () => {
    renderApp('/admin', sessionWith('dana', ['api-designer'], ['api:create', 'api:manage']));
    expect(tabs()).toEqual(['Publisher', 'Developer Portal']);
    expect(screen.getByRole('region', { name: 'Not available with your role' })).toHaveTextContent(
      'The Admin portal is for administrators. You are signed in as dana with the role api-designer.',
    );
  });

  it('offers an admin every Admin page, Roles included', async () => {
    renderApp('/admin', sessionAs('admin'));
    expect(adminLinks()).toEqual(['Administration', 'Roles', 'Approvals', 'Throttling policies', 'Platform health', 'Alerts', 'Identity providers', 'Key managers']);
    expect(await screen.findByRole('heading', { level: 2, name: 'Users' })).toBeInTheDocument();
  });

  it('shows an admin:users holder the Administration page with only the users', async () => {
    renderApp('/admin', sessionWith('hr', ['user-admin'], ['admin:users']));
    expect(adminLinks()).toEqual(['Administration', 'Approvals']);
    expect(await screen.findByRole('heading', { level: 2, name: 'Users' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { level: 2, name: /environments/i })).not.toBeInTheDocument();
  });
});

describe('the open Developer Portal', () => {
  it('lets an anonymous visitor browse the catalogue, with Sign in and Sign up that come back', async () => {
    renderApp('/devportal?q=pizza', null);
    expect(await screen.findByRole('heading', { level: 1, name: 'APIs' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/devportal?q=pizza');
    expect(left).toEqual([]);
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/signin?next=%2Fdevportal%3Fq%3Dpizza');
    expect(screen.getByRole('link', { name: 'Sign up' })).toHaveAttribute('href', '/signup?next=%2Fdevportal%3Fq%3Dpizza');
    expect(screen.queryByRole('link', { name: 'Applications' })).not.toBeInTheDocument();
  });

  it('asks an anonymous visitor to sign in to subscribe, and to come back to the API page', async () => {
    renderApp('/devportal/apis/api-1', null);
    expect(await screen.findByRole('heading', { level: 1, name: 'PizzaShackAPI' })).toBeInTheDocument();
    const panel = screen.getByRole('region', { name: 'Subscribe' });
    expect(within(panel).getByRole('link', { name: 'Sign in to subscribe' })).toHaveAttribute('href', '/signin?next=%2Fdevportal%2Fapis%2Fapi-1');
    expect(within(panel).getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/signup?next=%2Fdevportal%2Fapis%2Fapi-1');
    // No application query: the visitor has none.
    expect(calls.some((c) => (c.body as { operationName?: string } | undefined)?.operationName === 'DevPortalApplications')).toBe(false);
    await userEvent.setup().click(within(panel).getByRole('link', { name: 'Sign in to subscribe' }));
    expect(left).toEqual(['/api/auth/oidc/start?next=%2Fdevportal%2Fapis%2Fapi-1']);
  });

  it('sends an anonymous visitor to sign in for their applications, and back', () => {
    renderApp('/devportal/applications?page=2', null);
    expect(screen.getByTestId('location')).toHaveTextContent('/signin?next=%2Fdevportal%2Fapplications%3Fpage%3D2');
  });

  it('keeps sending a visitor who never signed in to sign in for the Publisher', () => {
    renderApp('/publisher', null);
    expect(screen.getByTestId('location')).toHaveTextContent('/signin?next=%2Fpublisher');
  });
});

describe('the way back after sign-in', () => {
  const cases: [string, string][] = [
    ['/signin?next=%2Fdevportal%2Fapis%2F1%3Ftab%3Ddocs', '/api/auth/oidc/start?next=%2Fdevportal%2Fapis%2F1%3Ftab%3Ddocs'],
    ['/signin?next=https%3A%2F%2Fevil.example', '/api/auth/oidc/start'],
    ['/signin?next=%2F%2Fevil.example', '/api/auth/oidc/start'],
    ['/signin?next=%2F%5Cevil.example', '/api/auth/oidc/start'],
    ['/signin?return=https%3A%2F%2Fevil.example', '/api/auth/oidc/start'],
  ];
  for (const [path, want] of cases) {
    it(`${path} starts the sign-in at ${want}`, () => {
      renderApp(path, null);
      expect(left).toEqual([want]);
    });
  }

  it('a signed-in user on /signin?next= goes there, and never off the portal', () => {
    renderApp('/signin?next=%2F%2Fevil.example', subscriber);
    expect(screen.getByTestId('location')).toHaveTextContent('/devportal');
  });
});
