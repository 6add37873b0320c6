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
