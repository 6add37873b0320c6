/** The time ranges the dashboard offers (the server answers up to 400 days from its rollups). */
export const timeRanges = [
  { id: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { id: '1h', label: 'Last 1 hour', ms: 60 * 60_000 },
  { id: '24h', label: 'Last 24 hours', ms: 24 * 60 * 60_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 24 * 60 * 60_000 },
] as const;

export type TimeRangeId = (typeof timeRanges)[number]['id'];

export const defaultRange: TimeRangeId = '1h';

/** How often the Live toggle refreshes, in milliseconds. */
export const liveIntervalMs = 10_000;

export function isTimeRangeId(value: string): value is TimeRangeId {
  return timeRanges.some((r) => r.id === value);
}

/** The query variables of a range ending at `now`, as RFC 3339 timestamps. */
export function rangeVariables(range: TimeRangeId, now: number): { from: string; to: string } {
  const { ms } = timeRanges.find((r) => r.id === range) ?? timeRanges[1];
  return { from: new Date(now - ms).toISOString(), to: new Date(now).toISOString() };
}
