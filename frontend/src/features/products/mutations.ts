import { graphql } from '../../gql';

export const createApiProductMutation = graphql(`
  mutation CreateAPIProduct($input: CreateAPIProductInput!) {
    createAPIProduct(input: $input) {
      id
      name
    }
  }
`);
