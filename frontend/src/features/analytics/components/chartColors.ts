export const chartColors = {
  requests: '#2563eb',
  errors: '#dc2626',
  p50: '#16a34a',
  p95: '#d97706',
  p99: '#7c3aed',
};
