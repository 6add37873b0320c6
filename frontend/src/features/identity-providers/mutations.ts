import { graphql } from '../../gql';

export const createIdentityProviderMutation = graphql(`
  mutation AdminCreateIdentityProvider($input: IdentityProviderInput!) {
    createIdentityProvider(input: $input) {
      id
      name
      callbackURL
    }
  }
`);

export const updateIdentityProviderMutation = graphql(`
  mutation AdminUpdateIdentityProvider($id: ID!, $input: IdentityProviderInput!) {
    updateIdentityProvider(id: $id, input: $input) {
      id
      name
    }
  }
`);

export const deleteIdentityProviderMutation = graphql(`
  mutation AdminDeleteIdentityProvider($id: ID!) {
    deleteIdentityProvider(id: $id)
  }
`);
