/** Typed URL builders of the traffic dashboards, one per area. */
export const analyticsUrls = {
  publisher: () => '/publisher/analytics',
  devportal: () => '/devportal/analytics',
  admin: () => '/admin/analytics',
};
