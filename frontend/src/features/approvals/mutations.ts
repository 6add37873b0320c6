import { graphql } from '../../gql';

export const approveSubscriptionMutation = graphql(`
  mutation ApproveSubscription($id: ID!) {
    approveSubscription(id: $id) {
      id
      status
    }
  }
`);

export const rejectSubscriptionMutation = graphql(`
  mutation RejectSubscription($id: ID!, $reason: String!) {
    rejectSubscription(id: $id, reason: $reason) {
      id
      status
      statusReason
    }
  }
`);

export const changeSubscriptionStatusMutation = graphql(`
  mutation ChangeSubscriptionStatus($id: ID!, $status: APISubscriptionStatus!, $reason: String) {
    changeSubscriptionStatus(id: $id, status: $status, reason: $reason) {
      id
      status
      statusReason
    }
  }
`);

export const setTierRequiresApprovalMutation = graphql(`
  mutation SetTierRequiresApproval($tierID: ID!, $requiresApproval: Boolean!) {
    setTierRequiresApproval(tierID: $tierID, requiresApproval: $requiresApproval) {
      id
      requiresApproval
    }
  }
`);

export const approveUserMutation = graphql(`
  mutation ApproveUser($id: ID!) {
    approveUser(id: $id) {
      id
      pendingApproval
    }
  }
`);

export const rejectUserMutation = graphql(`
  mutation RejectUser($id: ID!) {
    rejectUser(id: $id)
  }
`);

export const setSignUpModeMutation = graphql(`
  mutation SetSignUpMode($mode: OrganizationSignupMode!) {
    setSignUpMode(mode: $mode)
  }
`);
