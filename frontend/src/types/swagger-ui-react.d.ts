// The few props of swagger-ui-react that Gatehouse uses (the package ships no types).
declare module 'swagger-ui-react' {
  import type { ComponentType } from 'react';
  export interface SwaggerRequest {
    url: string;
    method?: string;
    headers: Record<string, string>;
    [key: string]: unknown;
  }
  export interface SwaggerUIProps {
    spec?: object | string;
    url?: string;
    tryItOutEnabled?: boolean;
    docExpansion?: 'list' | 'full' | 'none';
    defaultModelsExpandDepth?: number;
    supportedSubmitMethods?: string[];
    requestInterceptor?: (req: SwaggerRequest) => SwaggerRequest | Promise<SwaggerRequest>;
    persistAuthorization?: boolean;
    deepLinking?: boolean;
  }
  const SwaggerUI: ComponentType<SwaggerUIProps>;
  export default SwaggerUI;
}
declare module 'swagger-ui-react/swagger-ui.css';
