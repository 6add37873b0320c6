import { graphql } from '../../gql';

export const rolesQuery = graphql(`
  query AdminRoles {
    roles {
      name
      description
      permissions
      builtIn
      userCount
    }
  }
`);

export const permissionsQuery = graphql(`
  query AdminPermissions {
    permissions {
      name
      description
    }
  }
`);
