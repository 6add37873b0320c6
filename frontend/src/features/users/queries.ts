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
          roleNames
          mustChangePassword
        }
      }
    }
  }
`);

/** The roles a user can be given: built-in and the organization's custom ones. */
export const assignableRolesQuery = graphql(`
  query AdminAssignableRoles {
    roles {
      name
      description
      builtIn
    }
  }
`);
