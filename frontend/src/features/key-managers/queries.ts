import { graphql } from '../../gql';

export const keyManagersQuery = graphql(`
  query AdminKeyManagers {
    keyManagers {
      id
      name
      issuer
      jwksURI
      introspectionEndpoint
      introspectionClientID
      tokenEndpoint
      audience
      clientIDClaim
      scopesClaim
      userClaim
      enabled
    }
  }
`);
