export const chartColors = {
  requests: '#2563eb',
  errors: '#dc2626',
};
