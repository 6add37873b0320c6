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
