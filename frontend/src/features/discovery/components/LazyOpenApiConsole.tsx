import { lazy, Suspense } from 'react';
import type { OpenApiConsoleProps } from './OpenApiConsole';

// Swagger UI is about a megabyte of script: load it in its own chunk, only on the console page.
const OpenApiConsole = lazy(() => import('./OpenApiConsole'));

export function LazyOpenApiConsole(props: OpenApiConsoleProps) {
  return (
    <Suspense
      fallback={
        <p className="muted" role="status">
          Loading the console…
        </p>
      }
    >
      <OpenApiConsole {...props} />
    </Suspense>
  );
}
