import { graphql } from '../../gql';

/** The catalog list: searched by name on the server, optionally of one definition type. */
export const serviceEntriesQuery = graphql(`
  query CatalogServiceEntries($where: ServiceEntryWhereInput) {
    serviceEntries(first: 100, where: $where, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      edges {
        node {
          id
          name
          displayName
          version
          serviceURL
          definitionType
          updatedAt
          usage {
            id
            drift {
              outOfDate
            }
          }
        }
      }
    }
  }
`);

export const serviceEntryDetailQuery = graphql(`
  query CatalogServiceEntry($id: ID!) {
    serviceEntries(first: 1, where: { id: $id }) {
      edges {
        node {
          id
          name
          version
          displayName
          description
          serviceURL
          definitionType
          definition
          definitionHash
          securityType
          mutualTLS
          createdBy
          updatedAt
          usage {
            id
            name
            version
            context
            drift {
              outOfDate
              added
              removed
              changed
            }
          }
        }
      }
    }
  }
`);

export const definitionOutlineQuery = graphql(`
  query CatalogDefinitionOutline($content: String!) {
    validateDefinition(source: { content: $content }) {
      valid
      kind
      specVersion
      title
      version
      operations {
        method
        target
        summary
        scopes
      }
    }
  }
`);
