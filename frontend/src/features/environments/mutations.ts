import { graphql } from '../../gql';

export const setVirtualHostsMutation = graphql(`
  mutation SetEnvironmentVirtualHosts($environmentID: ID!, $virtualHosts: [VirtualHostInput!]!) {
    setEnvironmentVirtualHosts(environmentID: $environmentID, virtualHosts: $virtualHosts) {
      id
      virtualHosts {
        host
        httpPort
        httpsPort
      }
    }
  }
`);

export const createEnvironmentMutation = graphql(`
  mutation CreateEnvironment($input: CreateEnvironmentInput!) {
    createEnvironment(input: $input) {
      id
      name
      displayName
      description
      gatewayURL
      httpsURL
      wsURL
      type
      isDefault
    }
  }
`);

export const updateEnvironmentMutation = graphql(`
  mutation UpdateEnvironment($id: ID!, $input: UpdateEnvironmentInput!) {
    updateEnvironment(id: $id, input: $input) {
      id
      name
      displayName
      description
      gatewayURL
      httpsURL
      wsURL
      type
      isDefault
    }
  }
`);

export const deleteEnvironmentMutation = graphql(`
  mutation DeleteEnvironment($id: ID!) {
    deleteEnvironment(id: $id)
  }
`);
