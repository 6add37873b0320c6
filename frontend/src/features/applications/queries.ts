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
            statusReason
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
            previousSecretExpiresAt
            pkceRequired
          }
          viewerAccess
          sharedGroups
          attributes {
            key
            value
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
          requiresApproval
        }
      }
    }
  }
`);

export const applicationApiKeysQuery = graphql(`
  query DevPortalApplicationApiKeys($id: ID!) {
    applications(first: 1, where: { id: $id }) {
      edges {
        node {
          id
          apiKeys {
            id
            name
            keyType
            allowedIPs
            allowedReferers
            createdAt
            expiresAt
            revokedAt
          }
        }
      }
    }
  }
`);

export const consoleApplicationsQuery = graphql(`
  query ConsoleApplications {
    applications(first: 100, orderBy: { field: NAME, direction: ASC }) {
      edges {
        node {
          id
          name
          subscriptions {
            id
            status
            api {
              id
            }
          }
          keys {
            id
            keyType
          }
        }
      }
    }
  }
`);

export const applicationUsageQuery = graphql(`
  query DevPortalApplicationUsage($id: ID!) {
    applications(first: 1, where: { id: $id }) {
      edges {
        node {
          id
          subscriptions {
            id
            throttlingTier
            api {
              id
              name
              version
            }
            usage {
              requests
              errors
              quota
              quotaPeriodSeconds
              remainingEstimate
              windowRequests
            }
          }
        }
      }
    }
  }
`);

export const requiredAttributesQuery = graphql(`
  query RequiredApplicationAttributes {
    requiredApplicationAttributes
  }
`);
