import { graphql } from '../../gql';

export const applicationListQuery = graphql(`
  query DevPortalApplications {
    applications(first: 100, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      edges {
        node {
          id
          name
          description
          throttlingTier
          tokenType
          subscriptions {
            id
          }
        }
      }
    }
  }
`);

export const applicationDetailQuery = graphql(`
  query DevPortalApplication($id: ID!) {
    applications(first: 1, where: { id: $id }) {
      edges {
        node {
          id
          name
          description
          throttlingTier
          tokenType
          subscriptions {
            id
            status
            throttlingTier
            api {
              id
              name
              version
              context
              invocationURLs
              operations {
                id
                method
                target
              }
            }
          }
          keys {
            id
            keyType
            clientID
            grantTypes
            callbackURL
          }
        }
      }
    }
  }
`);

export const throttlingTiersQuery = graphql(`
  query ThrottlingTiers($level: ThrottlingTierLevel!) {
    throttlingTiers(first: 50, where: { level: $level }) {
      edges {
        node {
          id
          name
          displayName
          description
        }
      }
    }
  }
`);
