import { graphql } from '../../gql';

export const createApiProductMutation = graphql(`
  mutation CreateAPIProduct($input: CreateAPIProductInput!) {
    createAPIProduct(input: $input) {
      id
      name
    }
  }
`);

export const updateApiProductOperationsMutation = graphql(`
  mutation UpdateAPIProductOperations($id: ID!, $operationIDs: [ID!]!) {
    updateAPIProductOperations(id: $id, operationIDs: $operationIDs) {
      id
      operations {
        id
        method
        target
        authRequired
        scopes
        sourceOperation {
          id
        }
      }
    }
  }
`);
