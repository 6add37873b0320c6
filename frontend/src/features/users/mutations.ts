import { graphql } from '../../gql';

export const createUserMutation = graphql(`
  mutation AdminCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      username
    }
  }
`);
