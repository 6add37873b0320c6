import { act, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch } from '../../../test/fakeFetch';
import { ApiConsoleView, corsAllows } from './ApiConsoleView';

// Swagger UI itself is not rendered here (it is the library's to test): the stand-in shows what it gets.
vi.mock('../components/LazyOpenApiConsole', () => ({
  LazyOpenApiConsole: ({ definition, token }: { definition: string; token: string | null }) => (
    <div data-testid="console-stub">
      {JSON.parse(definition).servers[0].url} {token ?? 'no token'}
    </div>
  ),
}));

vi.mock('../components/LazyGraphQLConsole', () => ({
  LazyGraphQLConsole: ({ sdl, url, token }: { sdl: string; url: string; token: string | null }) => (
    <div data-testid="graphql-stub">
      {url} {token ?? 'no token'} {sdl.includes('type Query') ? 'sdl' : 'no sdl'}
    </div>
  ),
}));

function renderConsole(cors: { enabled: boolean; allowOrigins: string[] }, kind: 'HTTP' | 'GRAPHQL' = 'HTTP') {
  const f = fakeFetch(() => ({
    body: {
      data: {
        catalogueAPI: {
          __typename: 'API',
          id: 'a1',
          name: 'PizzaShackAPI',
          version: '1.0.0',
          type: kind,
          definitionType: kind === 'GRAPHQL' ? 'GRAPHQL_SDL' : 'OAS3',
          definition: kind === 'GRAPHQL' ? 'type Query { pizzas: [String!]! }' : '{}',
          cors: { __typename: 'CORSConfig', ...cors },
          gatewayEndpoints: [{ __typename: 'GatewayEndpoint', environment: 'Default', displayName: 'Default', url: 'http://gw/pizzashack/1.0.0' }],
          consoleDefinition: JSON.stringify({ openapi: '3.0.3', servers: [{ url: 'http://gw/pizzashack/1.0.0' }], paths: {} }),
        },
      },
    },
  }));
  const client = createGraphQLClient({ getCsrfToken: () => 'csrf', onUnauthenticated: vi.fn(), fetch: f.fetch });
  let give: (t: string) => void = () => {};
  render(
    <Provider value={client}>
      <MemoryRouter>
        <ApiConsoleView
          id="a1"
          origin="http://portal"
          tokenPicker={(onToken) => {
            give = onToken;
            return <p>picker</p>;
          }}
        />
      </MemoryRouter>
    </Provider>,
  );
  return { give: (t: string) => give(t) };
}

describe('ApiConsoleView', () => {
  it('gives a GraphQL API GraphiQL on its gateway /graphql endpoint with the picked token', async () => {
    const { give } = renderConsole({ enabled: true, allowOrigins: ['*'] }, 'GRAPHQL');
    expect(await screen.findByTestId('graphql-stub')).toHaveTextContent('http://gw/pizzashack/1.0.0/graphql no token sdl');
    expect(screen.queryByTestId('console-stub')).toBeNull();
    act(() => give('tok-9'));
    expect(screen.getByTestId('graphql-stub')).toHaveTextContent('tok-9');
  });

  it('points the console at the gateway and hands it the picked token', async () => {
    const { give } = renderConsole({ enabled: true, allowOrigins: ['http://portal'] });
    expect(await screen.findByTestId('console-stub')).toHaveTextContent('http://gw/pizzashack/1.0.0 no token');
    expect(screen.queryByTestId('cors-hint')).toBeNull();
    act(() => give('tok-1'));
    expect(screen.getByTestId('console-stub')).toHaveTextContent('tok-1');
  });

  it('warns when the API does not let the portal origin call it', async () => {
    renderConsole({ enabled: false, allowOrigins: [] });
    expect(await screen.findByTestId('cors-hint')).toHaveTextContent('http://portal');
  });

  it('reads CORS policies', () => {
    expect(corsAllows({ enabled: true, allowOrigins: ['*'] }, 'http://x')).toBe(true);
    expect(corsAllows({ enabled: true, allowOrigins: ['http://y'] }, 'http://x')).toBe(false);
    expect(corsAllows({ enabled: false, allowOrigins: ['*'] }, 'http://x')).toBe(false);
  });
});
