import { useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { errorMessage } from '../../../lib/errors';
import { applicationUsageQuery } from '../queries';

/** "per minute", "per 3 hours": a quota period in words. */
function per(seconds: number): string {
  for (const [size, name] of [
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ] as const) {
    if (seconds % size === 0) return seconds === size ? `per ${name}` : `per ${seconds / size} ${name}s`;
  }
  return `per ${seconds} s`;
}

/**
 * An application's usage per subscription: calls and errors over the last 24 hours, and how
 * much of its tier's quota is left, estimated from the analytics rollups.
 */
export function UsageView({ applicationID }: { applicationID: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: applicationUsageQuery, variables: { id: applicationID }, requestPolicy: 'cache-and-network' });
  const subs = data?.applications.edges?.[0]?.node?.subscriptions ?? [];
  return (
    <section className="section" aria-labelledby="usage-title">
      <h2 id="usage-title">Usage</h2>
      {error && <Banner>{errorMessage(error)}</Banner>}
      {!data && fetching ? (
        <p className="muted">Loading usage…</p>
      ) : subs.length === 0 ? (
        <p className="empty">No subscriptions, no usage.</p>
      ) : (
        <>
          <table className="table" aria-labelledby="usage-title">
            <thead>
              <tr>
                <th scope="col">API</th>
                <th scope="col">Calls (24 h)</th>
                <th scope="col">Errors (24 h)</th>
                <th scope="col">Remaining quota (estimate)</th>
              </tr>
            </thead>
            <tbody>
              {subs.map((s) => (
                <tr key={s.id} data-testid={`usage-${s.api.name}`}>
                  <td>
                    {s.api.name} <span className="badge">{s.api.version}</span> <span className="muted">{s.throttlingTier}</span>
                  </td>
                  <td>{s.usage.requests.toLocaleString('en')}</td>
                  <td>{s.usage.errors.toLocaleString('en')}</td>
                  <td>
                    {s.usage.quota <= 0
                      ? 'Unlimited'
                      : s.usage.remainingEstimate == null
                        ? `${s.usage.quota.toLocaleString('en')} ${per(s.usage.quotaPeriodSeconds)} (no estimate)`
                        : `≈ ${s.usage.remainingEstimate.toLocaleString('en')} of ${s.usage.quota.toLocaleString('en')} ${per(s.usage.quotaPeriodSeconds)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            From the gateways' analytics, a few seconds behind. The remaining quota applies the gateway's sliding window to the
            calls recorded; the gateway's own counters decide.{' '}
            <button type="button" className="button" onClick={() => refetch({ requestPolicy: 'network-only' })}>
              Refresh
            </button>
          </p>
        </>
      )}
    </section>
  );
}
