import { graphql } from '../../gql';

export const createApiMutation = graphql(`
  mutation CreateAPI($input: CreateAPIInput!) {
    createAPI(input: $input) {
      id
      name
    }
  }
`);

export const deployApiMutation = graphql(`
  mutation DeployAPI($input: DeployAPIInput!) {
    deployAPI(input: $input) {
      id
      environment {
        id
        name
      }
      revision {
        id
        number
      }
    }
  }
`);

export const deleteApiMutation = graphql(`
  mutation DeleteAPI($id: ID!) {
    deleteAPI(id: $id)
  }
`);
