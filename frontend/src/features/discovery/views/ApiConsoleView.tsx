import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { LazyGraphQLConsole } from '../components/LazyGraphQLConsole';
import { LazyOpenApiConsole } from '../components/LazyOpenApiConsole';
import { graphqlEndpoint } from '../graphqlFetcher';
import { apiConsoleQuery } from '../queries';
import { discoveryUrls } from '../urls';

export interface ApiConsoleViewProps {
  id: string;
  /** The slot the portal fills with the token picker: it calls onToken with a token of a subscribed application. */
  tokenPicker: (onToken: (token: string) => void) => ReactNode;
  /** The origin the SPA runs at (window.location.origin), to check the API's CORS policy. */
  origin: string;
}

/** Whether the API's CORS policy lets the portal's origin call it from the browser. */
export function corsAllows(cors: { enabled: boolean; allowOrigins: readonly string[] }, origin: string): boolean {
  return cors.enabled && cors.allowOrigins.some((o) => o === '*' || o === origin);
}

/** /devportal/apis/:id/console: the API's definition and a console that calls it through the gateway. */
export function ApiConsoleView({ id, tokenPicker, origin }: ApiConsoleViewProps) {
  const [environment, setEnvironment] = useState<string | undefined>(undefined);
  const [{ data, fetching, error }] = useQuery({ query: apiConsoleQuery, variables: { id, environment }, requestPolicy: 'cache-and-network' });
  const [token, setToken] = useState<string | null>(null);
  const api = data?.catalogueAPI;
  const endpoint = api?.gatewayEndpoints.find((e) => e.environment === environment) ?? api?.gatewayEndpoints[0];
  // A GraphQL API with its SDL gets GraphiQL; anything else Swagger UI on the console definition.
  const graphql = api?.type === 'GRAPHQL' && api.definitionType === 'GRAPHQL_SDL' && api.definition !== '' && endpoint;
  return (
    <>
      <p className="breadcrumb">
        <Link to={discoveryUrls.catalogue()}>APIs</Link> / {api ? <Link to={discoveryUrls.api(id)}>{api.name}</Link> : '…'}
      </p>
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        {api && (
          <>
            <PageHeader title={`${api.name} ${api.version}: Try it`} />
            <section className="section" aria-labelledby="console-auth-title">
              <h2 id="console-auth-title">Authorization</h2>
              {tokenPicker(setToken)}
              {!token && <p className="muted">Without a token the gateway answers 401 to secured resources.</p>}
            </section>
            {api.gatewayEndpoints.length > 1 && (
              <label className="sort">
                Environment{' '}
                <select value={environment ?? api.gatewayEndpoints[0]!.environment} onChange={(e) => setEnvironment(e.target.value)}>
                  {api.gatewayEndpoints.map((e) => (
                    <option key={e.environment} value={e.environment}>
                      {e.displayName || e.environment}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {api.gatewayEndpoints.length === 0 ? (
              <Banner>This API is not deployed to a gateway yet: there is nothing to call.</Banner>
            ) : (
              !corsAllows(api.cors, origin) && (
                <div className="banner banner-info" role="note" data-testid="cors-hint">
                  This API's CORS policy does not allow <code>{origin}</code>, so your browser will block the console's calls
                  (they show as "Failed to fetch"). Ask the publisher to allow this origin, or use the code samples on the API's
                  page from a terminal.
                </div>
              )
            )}
            {graphql ? (
              <LazyGraphQLConsole sdl={api.definition} url={graphqlEndpoint(endpoint.url)} token={token} />
            ) : (
              <LazyOpenApiConsole definition={api.consoleDefinition} token={token} />
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
