/** Typed URL builders of the publisher's API product pages. A product's own pages are its API pages. */
export const productUrls = {
  list: () => '/publisher/products',
  create: () => '/publisher/products/new',
  detail: (id: string) => `/publisher/apis/${encodeURIComponent(id)}`,
};
