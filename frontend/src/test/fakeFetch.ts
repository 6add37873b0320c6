import { vi } from 'vitest';

export interface Recorded {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

export type Reply = { status?: number; body?: unknown };

/**
 * A fetch that answers from a handler and records every request, so a test can check
 * what the SPA sent (paths, CSRF header, GraphQL variables) without a server.
 */
export function fakeFetch(handler: (req: Recorded) => Reply) {
  const calls: Recorded[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req: Recorded = {
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(req);
    const { status = 200, body } = handler(req);
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    });
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

export const sampleSession = {
  user: { id: 'u1', username: 'publisher', displayName: 'Pat Publisher' },
  roles: ['publisher' as const],
  roleNames: ['publisher'],
  permissions: ['analytics:view', 'api:create', 'api:manage', 'api:publish', 'apps:manage', 'service:manage', 'subscription:manage'],
  csrfToken: 'csrf-123',
};
