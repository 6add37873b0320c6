import { describe, expect, it } from 'vitest';
import { sessionAs, sessionWith } from '../test/sessions';
import { homeFor, may, mayAny, mayUsePortal, permissionNames, portalOf, portalsFor, type Action, type Portal } from './access';
import type { Session } from './auth';

// Viewers: the built-in roles (their permission sets as the server sends them) and custom
// roles, which are nothing but a set of permissions.
const viewers: [string, Session | null][] = [
  ['anonymous', null],
  ['no role', sessionWith('nobody', [], [])],
  ['subscriber', sessionAs('subscriber')],
  ['publisher', sessionAs('publisher')],
  ['admin', sessionAs('admin')],
  ['publisher+subscriber', sessionAs('publisher', 'subscriber')],
  ['api-designer (api:create, api:manage)', sessionWith('dana', ['api-designer'], ['api:create', 'api:manage'])],
  ['releaser (api:publish)', sessionWith('rory', ['releaser'], ['api:publish'])],
  ['cataloguer (service:manage)', sessionWith('cat', ['cataloguer'], ['service:manage'])],
  ['policy-admin (admin:policies)', sessionWith('pol', ['policy-admin'], ['admin:policies'])],
  ['auditor (audit:view)', sessionWith('aud', ['auditor'], ['audit:view'])],
  ['analyst (analytics:view)', sessionWith('ana', ['analyst'], ['analytics:view'])],
  ['a server before permissions (roles only)', { user: { id: 'u', username: 'old', displayName: 'old' }, roles: ['admin'], roleNames: [], permissions: [], csrfToken: 't' }],
];

// viewer × portal: what each viewer's area tabs and routes offer.
const wantPortals: Record<string, Portal[]> = {
  anonymous: ['devportal'],
  'no role': ['devportal'],
  subscriber: ['devportal'],
  publisher: ['publisher', 'devportal', 'catalog'],
  admin: ['publisher', 'devportal', 'catalog', 'admin'],
  'publisher+subscriber': ['publisher', 'devportal', 'catalog'],
  'api-designer (api:create, api:manage)': ['publisher', 'devportal'],
  'releaser (api:publish)': ['publisher', 'devportal'],
  'cataloguer (service:manage)': ['devportal', 'catalog'],
  'policy-admin (admin:policies)': ['devportal', 'admin'],
  'auditor (audit:view)': ['devportal', 'admin'],
  'analyst (analytics:view)': ['devportal'],
  // The SPA decides on permissions only: a role name without them opens nothing.
  'a server before permissions (roles only)': ['devportal'],
};

const publisherActions: Action[] = ['api:create', 'api:manage', 'api:publish', 'service:manage', 'subscription:manage', 'analytics:view', 'apps:manage'];

// viewer × action: exactly the permissions the viewer holds.
const wantActions: Record<string, Action[]> = {
  anonymous: [],
  'no role': [],
  subscriber: ['apps:manage'],
  publisher: publisherActions,
  admin: [...permissionNames],
  'publisher+subscriber': publisherActions,
  'api-designer (api:create, api:manage)': ['api:create', 'api:manage'],
  'releaser (api:publish)': ['api:publish'],
  'cataloguer (service:manage)': ['service:manage'],
  'policy-admin (admin:policies)': ['admin:policies'],
  'auditor (audit:view)': ['audit:view'],
  'analyst (analytics:view)': ['analytics:view'],
  'a server before permissions (roles only)': [],
};

const allPortals: Portal[] = ['publisher', 'devportal', 'catalog', 'admin'];

describe('portalsFor and mayUsePortal', () => {
  for (const [who, session] of viewers) {
    it(`${who}: ${wantPortals[who]!.join(', ')}`, () => {
      expect(portalsFor(session)).toEqual(wantPortals[who]);
      for (const p of allPortals) expect(mayUsePortal(session, p), p).toBe(wantPortals[who]!.includes(p));
    });
  }
});

describe('may', () => {
  for (const [who, session] of viewers) {
    for (const action of permissionNames) {
      const want = wantActions[who]!.includes(action);
      it(`${who} ${want ? 'may' : 'may not'} ${action}`, () => {
        expect(may(session, action)).toBe(want);
      });
    }
  }
});

it('mayAny: one of the permissions is enough', () => {
  const designer = sessionWith('dana', ['api-designer'], ['api:create', 'api:manage']);
  expect(mayAny(designer, ['api:publish', 'api:manage'])).toBe(true);
  expect(mayAny(designer, ['api:publish', 'admin:users'])).toBe(false);
  expect(mayAny(designer, [])).toBe(false);
  expect(mayAny(null, ['apps:manage'])).toBe(false);
});

it('the built-in admin holds every permission of the catalogue', () => {
  expect([...sessionAs('admin').permissions].sort()).toEqual([...permissionNames].sort());
});

describe('homeFor', () => {
  const cases: [string, Session | null, string][] = [
    ['anonymous', null, '/devportal'],
    ['subscriber', sessionAs('subscriber'), '/devportal'],
    ['publisher', sessionAs('publisher'), '/publisher'],
    ['admin', sessionAs('admin'), '/publisher'],
    ['cataloguer', sessionWith('cat', ['cataloguer'], ['service:manage']), '/devportal'],
    ['policy-admin', sessionWith('pol', ['policy-admin'], ['admin:policies']), '/devportal'],
    ['api-designer', sessionWith('dana', ['api-designer'], ['api:create']), '/publisher'],
  ];
  for (const [who, session, want] of cases) {
    it(`${who} starts at ${want}`, () => expect(homeFor(session)).toBe(want));
  }
});

it('portalOf', () => {
  expect(portalOf('/publisher/apis/1')).toBe('publisher');
  expect(portalOf('/admin')).toBe('admin');
  expect(portalOf('/signin')).toBeNull();
  expect(portalOf('/')).toBeNull();
});
