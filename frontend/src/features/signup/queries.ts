import { graphql } from '../../gql';

export const signUpModeQuery = graphql(`
  query SignUpMode {
    signUpMode
  }
`);

export const signUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      username
      pendingApproval
    }
  }
`);
