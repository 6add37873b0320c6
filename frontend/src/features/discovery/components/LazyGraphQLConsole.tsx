import { lazy, Suspense } from 'react';
import type { GraphQLConsoleProps } from './GraphQLConsole';

// GraphiQL (with CodeMirror) is large: its own chunk, loaded only on a GraphQL API's console.
const GraphQLConsole = lazy(() => import('./GraphQLConsole'));

export function LazyGraphQLConsole(props: GraphQLConsoleProps) {
  return (
    <Suspense
      fallback={
        <p className="muted" role="status">
          Loading the GraphQL console…
        </p>
      }
    >
      <GraphQLConsole {...props} />
    </Suspense>
  );
}
