import { describe, expect, it, vi } from 'vitest';
import { gatewayFetcher, graphqlEndpoint } from './graphqlFetcher';

describe('gatewayFetcher', () => {
  it('posts the query to the gateway with the token of the moment', async () => {
    let token: string | null = null;
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ data: { pizzas: [] } }), { status: 200 }));
    const fetcher = gatewayFetcher('http://gw/pizzamenu/1.0.0/graphql', () => token, fetchImpl as unknown as typeof fetch);
    expect(await fetcher({ query: '{ pizzas { name } }' })).toEqual({ data: { pizzas: [] } });
    token = 'tok-1';
    await fetcher({ query: '{ pizzas { name } }', operationName: null });
    const calls = fetchImpl.mock.calls as unknown as [string, RequestInit][];
    expect(calls[0]![0]).toBe('http://gw/pizzamenu/1.0.0/graphql');
    expect((calls[0]![1].headers as Record<string, string>).Authorization).toBeUndefined();
    expect((calls[1]![1].headers as Record<string, string>).Authorization).toBe('Bearer tok-1');
    expect(JSON.parse(calls[1]![1].body as string)).toEqual({ query: '{ pizzas { name } }', operationName: null });
  });

  it('turns a reply that is not JSON into a GraphQL error', async () => {
    const fetchImpl = vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502 }));
    const fetcher = gatewayFetcher('http://gw/x/graphql', () => null, fetchImpl as unknown as typeof fetch);
    expect(await fetcher({ query: '{ a }' })).toEqual({ errors: [{ message: 'The gateway answered 502: <html>bad gateway</html>' }] });
  });

  it('appends /graphql to the gateway URL', () => {
    expect(graphqlEndpoint('http://gw/pizzamenu/1.0.0/')).toBe('http://gw/pizzamenu/1.0.0/graphql');
  });
});
