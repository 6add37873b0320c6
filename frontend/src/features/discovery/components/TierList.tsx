export interface OfferedTier {
  id: string;
  name: string;
  displayName: string;
  description: string;
  requestCount: number;
  unitSeconds: number;
  burstLimit: number;
  requiresApproval: boolean;
}

/** "1 minute", "3 hours", "1 day": a tier's window in words. */
export function windowText(seconds: number): string {
  const units: [number, string][] = [
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ];
  for (const [size, name] of units) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return n === 1 ? `1 ${name}` : `${n} ${name}s`;
    }
  }
  return `${seconds} seconds`;
}

/** The subscription tiers the API offers, with their limits. */
export function TierList({ tiers }: { tiers: readonly OfferedTier[] }) {
  return (
    <section className="section" aria-labelledby="tiers-title">
      <h2 id="tiers-title">Tiers</h2>
      {tiers.length === 0 ? (
        <p className="empty">This API offers no subscription tiers.</p>
      ) : (
        <table className="table tiers" aria-labelledby="tiers-title">
          <thead>
            <tr>
              <th scope="col">Tier</th>
              <th scope="col">Limit</th>
              <th scope="col">Burst</th>
              <th scope="col">Approval</th>
            </tr>
          </thead>
          <tbody>
            {tiers.map((t) => (
              <tr key={t.id}>
                <td>
                  <strong>{t.displayName || t.name}</strong>
                  {t.description && <div className="muted">{t.description}</div>}
                </td>
                <td>{t.requestCount <= 0 ? 'Unlimited' : `${t.requestCount.toLocaleString('en')} requests per ${windowText(t.unitSeconds)}`}</td>
                <td>{t.burstLimit > 0 ? t.burstLimit.toLocaleString('en') : '—'}</td>
                <td>{t.requiresApproval ? 'Needs approval' : 'Instant'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
