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

export const importApiMutation = graphql(`
  mutation ImportAPI($input: ImportAPIInput!) {
    importAPI(input: $input) {
      id
      name
    }
  }
`);

export const changeApiLifecycleMutation = graphql(`
  mutation ChangeAPILifecycle($id: ID!, $action: LifecycleAction!, $reason: String) {
    changeAPILifecycle(id: $id, action: $action, reason: $reason) {
      id
      lifecycleStatus
      lifecycleActions
    }
  }
`);

export const updateApiFromServiceMutation = graphql(`
  mutation UpdateApiFromService($apiID: ID!) {
    updateAPIFromService(apiID: $apiID) {
      id
    }
  }
`);

export const createNewVersionMutation = graphql(`
  mutation CreateNewVersion($input: CreateNewVersionInput!) {
    createNewVersion(input: $input) {
      id
    }
  }
`);
