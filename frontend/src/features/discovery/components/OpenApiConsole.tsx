import { useMemo, useRef } from 'react';
import SwaggerUI, { type SwaggerRequest } from 'swagger-ui-react';
import 'swagger-ui-react/swagger-ui.css';

export interface OpenApiConsoleProps {
  /** The OpenAPI document (JSON), its servers already set to the gateway. */
  definition: string;
  /** Bearer token sent with every call, or null to call without one. */
  token: string | null;
}

/**
 * Swagger UI, the OpenAPI project's own viewer and console: renders the definition and sends
 * "Try it out" calls from the browser straight to the gateway, with the chosen token.
 * Loaded lazily (see LazyOpenApiConsole): it is the largest dependency of the SPA.
 */
export default function OpenApiConsole({ definition, token }: OpenApiConsoleProps) {
  // Swagger UI keeps its own state; a new spec object would reset it, so parse once per document.
  const spec = useMemo(() => JSON.parse(definition) as object, [definition]);
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const intercept = useMemo(
    () => (req: SwaggerRequest) => {
      if (tokenRef.current) req.headers.Authorization = `Bearer ${tokenRef.current}`;
      return req;
    },
    [],
  );
  return (
    <div className="openapi-console" data-testid="openapi-console">
      <SwaggerUI spec={spec} tryItOutEnabled docExpansion="list" defaultModelsExpandDepth={-1} requestInterceptor={intercept} deepLinking={false} />
    </div>
  );
}
