import { graphql } from '../../gql';

export const throttlingPoliciesQuery = graphql(`
  query ThrottlingPolicies {
    throttlingPolicies {
      id
      level
      name
      displayName
      description
      quotaType
      requestCount
      dataAmountKib
      unitSeconds
      calendarUnit
      burstLimit
      stopOnQuotaReach
      requiresApproval
      conditionGroups {
        description
        requestCount
        unitSeconds
        conditions {
          type
          name
          value
          regex
          invert
        }
      }
    }
  }
`);

export const denyPoliciesQuery = graphql(`
  query DenyPolicies {
    denyPolicies {
      id
      conditionType
      value
      description
      enabled
    }
  }
`);
