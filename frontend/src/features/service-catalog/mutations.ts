import { graphql } from '../../gql';

export const createServiceEntryMutation = graphql(`
  mutation CatalogCreateServiceEntry($input: ServiceEntryInput!) {
    createServiceEntry(input: $input) {
      id
      name
      version
    }
  }
`);

export const updateServiceEntryMutation = graphql(`
  mutation CatalogUpdateServiceEntry($id: ID!, $input: ServiceEntryInput!) {
    updateServiceEntry(id: $id, input: $input) {
      id
      displayName
      description
      serviceURL
      securityType
      mutualTLS
      definitionType
      definition
      definitionHash
      updatedAt
    }
  }
`);

export const deleteServiceEntryMutation = graphql(`
  mutation CatalogDeleteServiceEntry($id: ID!) {
    deleteServiceEntry(id: $id)
  }
`);

export const createApiFromServiceMutation = graphql(`
  mutation CatalogCreateAPIFromService($input: CreateAPIFromServiceInput!) {
    createAPIFromService(input: $input) {
      id
      name
    }
  }
`);

export const updateApiFromServiceMutation = graphql(`
  mutation CatalogUpdateAPIFromService($apiID: ID!) {
    updateAPIFromService(apiID: $apiID) {
      id
      drift {
        outOfDate
        added
        removed
        changed
      }
    }
  }
`);
