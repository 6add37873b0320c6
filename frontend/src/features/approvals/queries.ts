import { graphql } from '../../gql';

export const pendingSubscriptionsQuery = graphql(`
  query PendingSubscriptions {
    pendingSubscriptions {
      id
      status
      throttlingTier
      applicationName
      subscriber
      createdAt
      api {
        id
        name
        version
      }
    }
  }
`);

export const subscriptionTiersQuery = graphql(`
  query ApprovalTiers {
    throttlingTiers(first: 50, where: { level: SUBSCRIPTION }) {
      edges {
        node {
          id
          name
          displayName
          requiresApproval
        }
      }
    }
  }
`);

export const apiSubscriptionsQuery = graphql(`
  query ApiSubscriptions($apiID: ID!) {
    apis(first: 1, where: { id: $apiID }) {
      edges {
        node {
          id
          name
          version
        }
      }
    }
    apiSubscriptions(apiID: $apiID) {
      id
      status
      statusReason
      throttlingTier
      applicationName
      subscriber
      createdAt
    }
  }
`);

export const pendingUsersQuery = graphql(`
  query PendingUsers {
    signUpMode
    pendingUsers {
      id
      username
      email
      createdAt
    }
  }
`);
