import { graphql } from '../../gql';

export const createKeyManagerMutation = graphql(`
  mutation AdminCreateKeyManager($input: ExternalKeyManagerInput!) {
    createKeyManager(input: $input) {
      id
      name
    }
  }
`);

export const deleteKeyManagerMutation = graphql(`
  mutation AdminDeleteKeyManager($id: ID!) {
    deleteKeyManager(id: $id)
  }
`);

export const updateKeyManagerMutation = graphql(`
  mutation AdminUpdateKeyManager($id: ID!, $input: ExternalKeyManagerInput!) {
    updateKeyManager(id: $id, input: $input) {
      id
      name
    }
  }
`);
