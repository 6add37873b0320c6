import { graphql } from '../../gql';

/** The organization's alert rules with their latest state changes (admins only). */
export const alertsQuery = graphql(`
  query Alerts {
    alerts {
      id
      name
      metric
      scope
      targetID
      targetName
      threshold
      windowSeconds
      webhookURL
      enabled
      state
      lastValue
      lastEvaluatedAt
      history {
        id
        state
        value
        threshold
        at
        delivery
        attempts
        lastError
      }
    }
  }
`);

/** What a rule can watch: the organization's APIs and applications. */
export const alertTargetsQuery = graphql(`
  query AlertTargets {
    apis(first: 100) {
      edges {
        node {
          id
          name
          version
        }
      }
    }
  }
`);
