import { graphql } from '../../gql';

export const createRoleMutation = graphql(`
  mutation AdminCreateRole($input: RoleInput!) {
    createRole(input: $input) {
      name
      description
      permissions
      builtIn
      userCount
    }
  }
`);

export const updateRoleMutation = graphql(`
  mutation AdminUpdateRole($name: String!, $input: RoleInput!) {
    updateRole(name: $name, input: $input) {
      name
      description
      permissions
      builtIn
      userCount
    }
  }
`);

export const deleteRoleMutation = graphql(`
  mutation AdminDeleteRole($name: String!) {
    deleteRole(name: $name)
  }
`);
