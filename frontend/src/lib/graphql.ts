import { Client, cacheExchange, fetchExchange, mapExchange, type CombinedError } from '@urql/core';

export interface GraphQLClientOptions {
  /** The CSRF token of the current session; sent as X-CSRF-Token on every request. */
  getCsrfToken: () => string | null;
  /** Called when the server says the session is gone (HTTP 401 or extensions.code UNAUTHENTICATED). */
  onUnauthenticated: () => void;
  url?: string;
  /** The fetch to use; tests pass a fake. */
  fetch?: typeof fetch;
}

/** The one urql client of the SPA: same-origin cookies, the CSRF header, 401 handling. */
export function createGraphQLClient({ getCsrfToken, onUnauthenticated, url = '/graphql', fetch }: GraphQLClientOptions): Client {
  return new Client({
    url,
    preferGetMethod: false,
    fetch,
    fetchOptions: (): RequestInit => {
      const token = getCsrfToken();
      const headers: Record<string, string> = token ? { 'X-CSRF-Token': token } : {};
      return { credentials: 'same-origin', headers };
    },
    exchanges: [
      cacheExchange,
      mapExchange({
        onError(error) {
          if (isUnauthenticated(error)) onUnauthenticated();
        },
      }),
      fetchExchange,
    ],
  });
}

export function isUnauthenticated(error: CombinedError): boolean {
  const status = (error.response as { status?: number } | undefined)?.status;
  return status === 401 || error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}
