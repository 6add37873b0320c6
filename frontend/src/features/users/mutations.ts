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
