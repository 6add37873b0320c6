import { graphql } from '../../gql';

export const createUserMutation = graphql(`
  mutation AdminCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      username
    }
  }
`);

export const setUserGroupsMutation = graphql(`
  mutation AdminSetUserGroups($userID: ID!, $groups: [String!]!) {
    setUserGroups(userID: $userID, groups: $groups) {
      id
      groups
    }
  }
`);

export const revokeUserTokensMutation = graphql(`
  mutation AdminRevokeUserTokens($userID: ID!) {
    revokeUserTokens(userID: $userID) {
      revokedBefore
      grants
    }
  }
`);

export const setUserDisabledMutation = graphql(`
  mutation AdminSetUserDisabled($userID: ID!, $disabled: Boolean!) {
    setUserDisabled(userID: $userID, disabled: $disabled) {
      id
      disabled
    }
  }
`);

export const setUserRolesMutation = graphql(`
  mutation AdminSetUserRoles($userID: ID!, $roles: [String!]!) {
    setUserRoles(userID: $userID, roles: $roles) {
      id
      roleNames
    }
  }
`);

export const setTemporaryPasswordMutation = graphql(`
  mutation AdminSetTemporaryPassword($userID: ID!, $password: String!) {
    setTemporaryPassword(userID: $userID, password: $password) {
      id
      mustChangePassword
    }
  }
`);

export const deleteUserMutation = graphql(`
  mutation AdminDeleteUser($id: ID!) {
    deleteUser(id: $id)
  }
`);
