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
