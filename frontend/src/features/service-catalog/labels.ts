import type { ServiceEntryDefinitionType, ServiceEntrySecurityType } from '../../gql/graphql';

/** Definition types as people name them, in the order the filter offers them. */
export const definitionTypeLabels: Record<ServiceEntryDefinitionType, string> = {
  OAS3: 'OpenAPI 3',
  OAS2: 'OpenAPI 2 (Swagger)',
  GRAPHQL_SDL: 'GraphQL SDL',
  ASYNC_API: 'AsyncAPI',
  WSDL1: 'WSDL 1.1',
};

export const definitionTypes = Object.keys(definitionTypeLabels) as ServiceEntryDefinitionType[];

export function isDefinitionType(s: string | null): s is ServiceEntryDefinitionType {
  return s !== null && s in definitionTypeLabels;
}

export const securityTypeLabels: Record<ServiceEntrySecurityType, string> = {
  NONE: 'None',
  BASIC: 'Basic',
  DIGEST: 'Digest',
  OAUTH2: 'OAuth 2.0',
  X509: 'X.509 certificate',
};

export const securityTypes = Object.keys(securityTypeLabels) as ServiceEntrySecurityType[];
