import { graphql } from '../../gql';

export const publishedApisQuery = graphql(`
  query DevPortalPublishedApis {
    apis(first: 50, orderBy: { field: NAME, direction: ASC }, where: { lifecycleStatus: PUBLISHED }) {
      edges {
        node {
          id
          name
          version
          description
          invocationURLs
        }
      }
    }
  }
`);

export const publishedApiQuery = graphql(`
  query DevPortalApi($id: ID!) {
    apis(first: 1, where: { id: $id, lifecycleStatus: PUBLISHED }) {
      edges {
        node {
          id
          name
          version
          context
          description
          invocationURLs
          operations {
            id
            method
            target
            authRequired
            scopes
          }
        }
      }
    }
  }
`);
