import { graphql } from '../../gql';

/** Traffic the viewer may see (the server scopes it by role) over [from, to]. */
export const trafficQuery = graphql(`
  query Traffic($from: Time, $to: Time) {
    traffic(from: $from, to: $to) {
      from
      to
      bucketSeconds
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
      }
      topAPIs {
        name
        requests
        errors
      }
      topApplications {
        name
        requests
        errors
      }
      errorsByType {
        name
        requests
      }
    }
  }
`);
