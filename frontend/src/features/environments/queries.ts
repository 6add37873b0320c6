import { graphql } from '../../gql';

export const environmentsQuery = graphql(`
  query AdminEnvironments {
    environments(first: 100, orderBy: { field: NAME, direction: ASC }) {
      edges {
        node {
          id
          name
          displayName
          gatewayURL
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
