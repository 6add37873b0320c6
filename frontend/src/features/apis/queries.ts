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
