// Server replies for the analytics feature's tests, shaped like the real /graphql answers.

export function trafficReply(overrides: Record<string, unknown> = {}) {
  return {
    data: {
      traffic: {
        __typename: 'TrafficSummary',
        from: '2025-03-01T11:00:00Z',
        to: '2025-03-01T12:00:00Z',
        bucketSeconds: 60,
        granularity: 'MINUTE',
        requests: 1250,
        errors: 50,
        throttled: 3,
        p50: 4.2,
        p95: 31.6,
        p99: 120.4,
        series: [
          { __typename: 'TrafficPoint', time: '2025-03-01T11:58:00Z', requests: 600, errors: 20, p50: 5, p95: 25, p99: 100 },
          { __typename: 'TrafficPoint', time: '2025-03-01T11:59:00Z', requests: 650, errors: 30, p50: 5, p95: 50, p99: 250 },
        ],
        topAPIs: [
          { __typename: 'TrafficCount', key: 'PizzaShackAPI', name: 'PizzaShackAPI', requests: 1000, errors: 45 },
          { __typename: 'TrafficCount', key: 'Orders, "v2"', name: 'Orders, "v2"', requests: 250, errors: 5 },
        ],
        topApplications: [{ __typename: 'TrafficCount', key: 'DefaultApplication', name: 'DefaultApplication', requests: 1200, errors: 10 }],
        topUsers: [{ __typename: 'TrafficCount', key: 'subscriber', name: 'subscriber', requests: 1200, errors: 10 }],
        topResources: [{ __typename: 'TrafficCount', key: 'PizzaShackAPI GET /menu', name: 'PizzaShackAPI GET /menu', requests: 900, errors: 2 }],
        topCountries: [],
        errorsByType: [
          { __typename: 'TrafficCount', key: 'throttled', name: 'throttled', requests: 3 },
          { __typename: 'TrafficCount', key: 'auth', name: 'auth', requests: 40 },
          { __typename: 'TrafficCount', key: 'target_error', name: 'target_error', requests: 7 },
        ],
        ...overrides,
      },
    },
  };
}

export const emptyTrafficReply = trafficReply({
  requests: 0,
  errors: 0,
  throttled: 0,
  p50: 0,
  p95: 0,
  p99: 0,
  series: [],
  topAPIs: [],
  topApplications: [],
  topUsers: [],
  topResources: [],
  topCountries: [],
  errorsByType: [],
});
