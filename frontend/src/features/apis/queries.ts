import { graphql } from '../../gql';

export const apiListQuery = graphql(`
  query PublisherApiList {
    apis(first: 50, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      edges {
        node {
          id
          name
          version
          context
          lifecycleStatus
        }
      }
    }
  }
`);

export const apiDetailQuery = graphql(`
  query PublisherApiDetail($id: ID!) {
    apis(first: 1, where: { id: $id }) {
      edges {
        node {
          id
          name
          context
          version
          description
          productionEndpoint
          lifecycleStatus
          isDefaultVersion
          invocationURLs
          definitionType
          operations {
            id
            method
            target
            authRequired
            scopes
          }
          serviceEntry {
            id
            name
            version
          }
          drift {
            outOfDate
            added
            removed
            changed
          }
          removedSincePreviousVersion
          lifecycleActions
          lifecycleHistory {
            from
            to
            actor
            reason
            time
          }
          revisions {
            totalCount
          }
          deployments {
            id
            createdAt
            environment {
              id
              name
              displayName
            }
            revision {
              id
              number
            }
          }
        }
      }
    }
  }
`);

export const validateDefinitionQuery = graphql(`
  query ValidateDefinition($source: DefinitionSourceInput!) {
    validateDefinition(source: $source) {
      valid
      kind
      specVersion
      title
      version
      description
      servers
      operations {
        method
        target
        operationId
        summary
        scopes
        secured
      }
      problems {
        severity
        message
        pointer
        line
        column
      }
    }
  }
`);
