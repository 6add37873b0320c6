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
