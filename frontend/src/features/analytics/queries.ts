import { graphql } from '../../gql';

/** Traffic the viewer may see (the server scopes it by role) over [from, to]. */
export const trafficQuery = graphql(`
  query Traffic($from: Time, $to: Time, $apiID: ID, $applicationID: ID, $environment: String, $user: String) {
    traffic(from: $from, to: $to, apiID: $apiID, applicationID: $applicationID, environment: $environment, user: $user) {
      from
      to
      bucketSeconds
      granularity
      requests
      errors
      throttled
      p50
      p95
      p99
      series {
        time
        requests
        errors
        p50
        p95
        p99
      }
      topAPIs {
        key
        name
        requests
        errors
      }
      topApplications {
        key
        name
        requests
        errors
      }
      topUsers {
        key
        name
        requests
        errors
      }
      topResources {
        key
        name
        requests
        errors
      }
      topCountries {
        key
        name
        requests
        errors
      }
      errorsByType {
        key
        name
        requests
      }
    }
  }
`);
