import { graphql } from '../../gql';

export const serviceEntriesQuery = graphql(`
  query CatalogServiceEntries {
    serviceEntries(first: 50, orderBy: { field: NAME, direction: ASC }) {
      edges {
        node {
          id
          name
          displayName
          version
          serviceURL
          definitionType
          updatedAt
        }
      }
    }
  }
`);
