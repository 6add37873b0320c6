/** What GraphiQL sends: a GraphQL request. */
export interface GraphQLParams {
  query: string;
  operationName?: string | null;
  variables?: unknown;
}

/**
 * A GraphiQL fetcher that POSTs to the API's real gateway URL with the token picked in the
 * console (read at call time, so picking another token needs no new fetcher). A reply that is
 * not JSON (a proxy's HTML error page) becomes a GraphQL error, so GraphiQL shows it.
 */
export function gatewayFetcher(url: string, getToken: () => string | null, fetchImpl: typeof fetch = (...a) => fetch(...a)) {
  return async (params: GraphQLParams): Promise<unknown> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
    const token = getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    const res = await fetchImpl(url, { method: 'POST', headers, body: JSON.stringify(params) });
    const text = await res.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return { errors: [{ message: `The gateway answered ${res.status}: ${text.slice(0, 500)}` }] };
    }
  };
}

/** The GraphQL endpoint of an API at a gateway URL (`{gateway}/{context}/{version}`): its single POST /graphql resource. */
export function graphqlEndpoint(gatewayUrl: string): string {
  return `${gatewayUrl.replace(/\/+$/, '')}/graphql`;
}
