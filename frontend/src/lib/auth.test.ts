import { describe, expect, it } from 'vitest';
import { fakeFetch, sampleSession } from '../test/fakeFetch';
import { AuthError, fetchSession, hasRole, login, logout, safeNext, signInPath, signUpPath, startSignInURL } from './auth';

describe('fetchSession', () => {
  it('returns the session when signed in', async () => {
    const f = fakeFetch(() => ({ body: sampleSession }));
    const got = await fetchSession(f.fetch);
    expect(got).toEqual(sampleSession);
    expect(f.calls[0]).toMatchObject({ url: '/auth/session', method: 'GET' });
  });

  it('returns null on 401', async () => {
    const f = fakeFetch(() => ({ status: 401, body: { code: 'UNAUTHENTICATED', message: 'no session' } }));
    expect(await fetchSession(f.fetch)).toBeNull();
  });

  it('throws on other failures', async () => {
    const f = fakeFetch(() => ({ status: 500 }));
    await expect(fetchSession(f.fetch)).rejects.toBeInstanceOf(AuthError);
  });
});

describe('login', () => {
  it('posts the credentials as JSON and returns the session', async () => {
    const f = fakeFetch(() => ({ body: sampleSession }));
    const got = await login('publisher', 'secret', f.fetch);
    expect(got.csrfToken).toBe('csrf-123');
    expect(f.calls[0]).toMatchObject({ url: '/auth/login', method: 'POST', body: { username: 'publisher', password: 'secret' } });
    expect(f.calls[0]?.headers.get('Content-Type')).toBe('application/json');
  });

  it('throws the server message on bad credentials', async () => {
    const f = fakeFetch(() => ({ status: 401, body: { code: 'UNAUTHENTICATED', message: 'invalid username or password' } }));
    const err = await login('publisher', 'wrong', f.fetch).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect(err).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: 'invalid username or password' });
  });
});

describe('logout', () => {
  it('sends the CSRF token and answers where the browser goes next', async () => {
    const f = fakeFetch(() => ({ body: { redirect: '/oauth2/logout?id_token_hint=x' } }));
    expect(await logout('csrf-123', f.fetch)).toBe('/oauth2/logout?id_token_hint=x');
    expect(f.calls[0]).toMatchObject({ url: '/api/auth/oidc/logout', method: 'POST' });
    expect(f.calls[0]?.headers.get('X-CSRF-Token')).toBe('csrf-123');
  });

  it('never follows a redirect off the portal', async () => {
    const f = fakeFetch(() => ({ body: { redirect: 'https://evil.example/' } }));
    expect(await logout('csrf-123', f.fetch)).toBeNull();
  });
});

describe('startSignInURL', () => {
  it('carries a safe next only', () => {
    expect(startSignInURL('/devportal?x=1')).toBe('/api/auth/oidc/start?next=%2Fdevportal%3Fx%3D1');
    expect(startSignInURL('//evil.example')).toBe('/api/auth/oidc/start');
  });
});

describe('safeNext and signInPath', () => {
  const cases: [string | null, string][] = [
    [null, '/'],
    ['', '/'],
    ['/publisher', '/publisher'],
    ['/publisher/apis/1?tab=x', '/publisher/apis/1?tab=x'],
    ['https://evil.example', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/signin?next=/x', '/'],
    ['/signup?next=/x', '/'],
    ['/devportal/apis/1?tab=docs#top', '/devportal/apis/1?tab=docs#top'],
    ['/oauth2/authorize?client_id=gatehouse-portal', '/oauth2/authorize?client_id=gatehouse-portal'],
    ['javascript:alert(1)', '/'],
    ['/ok\r\nLocation: //evil', '/'],
    ['/\t/evil.example', '/'],
    ['/a\\b', '/'],
    ['/api/auth/oidc/start', '/'],
    ['evil.example', '/'],
  ];
  for (const [next, want] of cases) {
    it(`safeNext(${JSON.stringify(next)}) = ${want}`, () => {
      expect(safeNext(next)).toBe(want);
    });
  }

  it('encodes the way back', () => {
    expect(signInPath('/publisher/apis/new')).toBe('/signin?next=%2Fpublisher%2Fapis%2Fnew');
    expect(signInPath('/')).toBe('/signin');
    expect(signUpPath('/devportal/apis/1')).toBe('/signup?next=%2Fdevportal%2Fapis%2F1');
    expect(signUpPath('https://evil.example')).toBe('/signup');
  });
});

it('hasRole', () => {
  expect(hasRole(sampleSession, 'publisher')).toBe(true);
  expect(hasRole(sampleSession, 'admin')).toBe(false);
  expect(hasRole(null, 'admin')).toBe(false);
});
