import { graphql } from '../../gql';

export const externalClientsQuery = graphql(`
  query DevportalExternalClients($applicationID: ID!) {
    keyManagers {
      id
      name
    }
    externalClientMappings(applicationID: $applicationID) {
      id
      keyManagerID
      clientID
      keyType
    }
  }
`);

export const mapExternalClientMutation = graphql(`
  mutation DevportalMapExternalClient($input: MapExternalClientInput!) {
    mapExternalClient(input: $input) {
      id
      clientID
    }
  }
`);

export const unmapExternalClientMutation = graphql(`
  mutation DevportalUnmapExternalClient($id: ID!) {
    unmapExternalClient(id: $id)
  }
`);
