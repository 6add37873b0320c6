import { graphql } from '../../gql';

export const createTierMutation = graphql(`
  mutation CreateThrottlingTier($input: ThrottlingTierInput!) {
    createThrottlingTier(input: $input) {
      id
      name
    }
  }
`);

export const updateTierMutation = graphql(`
  mutation UpdateThrottlingTier($id: ID!, $input: ThrottlingTierInput!) {
    updateThrottlingTier(id: $id, input: $input) {
      id
      name
    }
  }
`);

export const deleteTierMutation = graphql(`
  mutation DeleteThrottlingTier($id: ID!) {
    deleteThrottlingTier(id: $id)
  }
`);

export const createDenyPolicyMutation = graphql(`
  mutation CreateDenyPolicy($input: DenyPolicyInput!) {
    createDenyPolicy(input: $input) {
      id
    }
  }
`);

export const updateDenyPolicyMutation = graphql(`
  mutation UpdateDenyPolicy($id: ID!, $input: DenyPolicyInput!) {
    updateDenyPolicy(id: $id, input: $input) {
      id
      enabled
    }
  }
`);

export const deleteDenyPolicyMutation = graphql(`
  mutation DeleteDenyPolicy($id: ID!) {
    deleteDenyPolicy(id: $id)
  }
`);

export const resetApplicationQuotaMutation = graphql(`
  mutation ResetApplicationQuota($applicationID: ID!) {
    resetApplicationQuota(applicationID: $applicationID)
  }
`);
