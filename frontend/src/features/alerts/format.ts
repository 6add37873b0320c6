import type { AlertMetric } from '../../gql/graphql';

export const metricLabels: Record<AlertMetric, string> = {
  ERROR_RATE: 'Error rate (%)',
  P95_LATENCY: 'p95 latency (ms)',
  TRAFFIC_DROP: 'Traffic drop (%)',
};

/** A measured value in the metric's unit. */
export function formatValue(metric: AlertMetric, value: number): string {
  const n = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return metric === 'P95_LATENCY' ? `${n} ms` : `${n}%`;
}

/** "5 min", "1 h". */
export function formatWindow(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
