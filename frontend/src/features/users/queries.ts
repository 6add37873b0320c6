import { graphql } from '../../gql';

export const usersQuery = graphql(`
  query AdminUsers {
    users(first: 100, orderBy: { field: USERNAME, direction: ASC }) {
      edges {
        node {
          id
          username
          displayName
          email
          disabled
          groups
        }
      }
    }
  }
`);
