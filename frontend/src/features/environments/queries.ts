import { graphql } from '../../gql';

export const environmentsQuery = graphql(`
  query AdminEnvironments {
    environments(first: 100, orderBy: { field: NAME, direction: ASC }) {
      edges {
        node {
          id
          name
          displayName
          description
          gatewayURL
          httpsURL
          wsURL
          type
          isDefault
          virtualHosts {
            host
            httpPort
            httpsPort
          }
        }
      }
    }
  }
`);
