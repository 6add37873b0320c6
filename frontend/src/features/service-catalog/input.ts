import type { ServiceEntryInput } from '../../gql/graphql';
import type { ServiceFormValues } from './components/ServiceForm';

/** The service entry input from the form's values (empty optional text goes as null). */
export function serviceInput(v: ServiceFormValues): ServiceEntryInput {
  return {
    name: v.name,
    version: v.version,
    displayName: v.displayName || null,
    description: v.description || null,
    serviceURL: v.serviceURL,
    securityType: v.securityType,
    mutualTLS: v.mutualTLS,
    definition: v.definition,
  };
}
