import { GraphiQL } from 'graphiql';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { useMemo, useRef } from 'react';
import 'graphiql/graphiql.css';
import { defaultQueryFor } from '../graphqlDefaultQuery';
import { gatewayFetcher } from '../graphqlFetcher';

export interface GraphQLConsoleProps {
  /** The API's SDL: the schema is built from it, so the backend need not allow introspection. */
  sdl: string;
  /** The API's GraphQL endpoint at the gateway. */
  url: string;
  /** Bearer token sent with every call, or null to call without one. */
  token: string | null;
}

/**
 * GraphiQL, the GraphQL Foundation's in-browser IDE: the schema's docs, completion and
 * validation come from the SDL, and queries go from the browser to the gateway with the
 * chosen token. Loaded lazily (see LazyGraphQLConsole).
 */
/** GraphiQL keeps tabs and history in a Storage; in memory, so one API's queries never open on another's console. */
class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

export default function GraphQLConsole({ sdl, url, token }: GraphQLConsoleProps) {
  const built = useMemo((): { schema: GraphQLSchema } | { error: string } => {
    try {
      return { schema: buildSchema(sdl) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [sdl]);
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const fetcher = useMemo(() => gatewayFetcher(url, () => tokenRef.current), [url]);
  const storage = useMemo(() => new MemoryStorage(), []);
  if ('error' in built) {
    return (
      <p className="banner" role="alert">
        The API's schema does not parse, so the console cannot start: {built.error}
      </p>
    );
  }
  return (
    <div className="graphql-console" data-testid="graphql-console">
      <GraphiQL
        fetcher={fetcher as Parameters<typeof GraphiQL>[0]['fetcher']}
        schema={built.schema}
        defaultQuery={defaultQueryFor(built.schema)}
        isHeadersEditorEnabled={false}
        shouldPersistHeaders={false}
        storage={storage}
      />
    </div>
  );
}
