/** Typed URL builders of the Service Catalog pages. */
export const catalogUrls = {
  list: () => '/catalog',
  create: () => '/catalog/services/new',
  detail: (id: string) => `/catalog/services/${encodeURIComponent(id)}`,
  edit: (id: string) => `/catalog/services/${encodeURIComponent(id)}/edit`,
  /**
   * The publisher's page of an API built from a service. A plain path (features do not
   * import each other); it must match the publisher portal's `apis/:id` route.
   */
  publisherApi: (id: string) => `/publisher/apis/${encodeURIComponent(id)}`,
};
