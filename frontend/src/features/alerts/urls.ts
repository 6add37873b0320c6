/** Typed URL builders of the alerts admin page. */
export const alertsUrls = {
  admin: () => '/admin/alerts',
};
