import { describe, expect, it } from 'vitest';
import { homeFor, may, mayUsePortal, portalOf, portalsFor, type Action, type Portal } from './access';
import type { Role, Session } from './auth';

function as(...roles: Role[]): Session {
  return { user: { id: 'u', username: 'u', displayName: 'u' }, roles, csrfToken: 't' };
}

const viewers: [string, Session | null][] = [
  ['anonymous', null],
  ['no role', as()],
  ['subscriber', as('subscriber')],
  ['publisher', as('publisher')],
  ['admin', as('admin')],
  ['publisher+subscriber', as('publisher', 'subscriber')],
];

// role × portal: what each viewer's area tabs and routes offer.
const wantPortals: Record<string, Portal[]> = {
  anonymous: ['devportal'],
  'no role': ['devportal'],
  subscriber: ['devportal'],
  publisher: ['publisher', 'devportal', 'catalog'],
  admin: ['publisher', 'devportal', 'catalog', 'admin'],
  'publisher+subscriber': ['publisher', 'devportal', 'catalog'],
};

// role × action: the backend's rules (viewer.Require in the domain services).
const wantActions: Record<string, Action[]> = {
  anonymous: [],
  'no role': ['application:manage', 'feedback:post'],
  subscriber: ['application:manage', 'feedback:post'],
  publisher: ['api:create', 'api:manage', 'subscription:block', 'service:manage', 'application:manage', 'feedback:post'],
  admin: [
    'api:create',
    'api:manage',
    'subscription:block',
    'service:manage',
    'user:manage',
    'settings:manage',
    'application:manage',
    'feedback:post',
  ],
  'publisher+subscriber': ['api:create', 'api:manage', 'subscription:block', 'service:manage', 'application:manage', 'feedback:post'],
};

const allPortals: Portal[] = ['publisher', 'devportal', 'catalog', 'admin'];
const allActions: Action[] = [
  'api:create',
  'api:manage',
  'subscription:block',
  'service:manage',
  'user:manage',
  'settings:manage',
  'application:manage',
  'feedback:post',
];

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
    for (const action of allActions) {
      const want = wantActions[who]!.includes(action);
      it(`${who} ${want ? 'may' : 'may not'} ${action}`, () => {
        expect(may(session, action)).toBe(want);
      });
    }
  }
});

describe('homeFor', () => {
  const cases: [string, Session | null, string][] = [
    ['anonymous', null, '/devportal'],
    ['subscriber', as('subscriber'), '/devportal'],
    ['publisher', as('publisher'), '/publisher'],
    ['admin', as('admin'), '/publisher'],
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
