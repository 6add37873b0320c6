import { graphql } from '../../gql';

export const identityProvidersQuery = graphql(`
  query AdminIdentityProviders {
    identityProviders {
      id
      name
      issuer
      clientID
      clientSecretSet
      scopes
      jitProvisioning
      enabled
      callbackURL
      roleMappings {
        claim
        value
        role
      }
    }
  }
`);
