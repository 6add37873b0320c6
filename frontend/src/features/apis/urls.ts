/** Typed URL builders of the publisher's API pages. */
export const apiUrls = {
  list: () => '/publisher',
  create: () => '/publisher/apis/new',
  import: () => '/publisher/apis/import',
  detail: (id: string) => `/publisher/apis/${encodeURIComponent(id)}`,
};
