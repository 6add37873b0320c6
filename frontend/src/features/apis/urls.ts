/** Typed URL builders of the publisher's API pages. */
export const apiUrls = {
  list: (q?: string) => (q ? `/publisher?q=${encodeURIComponent(q)}` : '/publisher'),
  create: () => '/publisher/apis/new',
  import: () => '/publisher/apis/import',
  detail: (id: string) => `/publisher/apis/${encodeURIComponent(id)}`,
  business: (id: string) => `/publisher/apis/${encodeURIComponent(id)}/business`,
  documents: (id: string) => `/publisher/apis/${encodeURIComponent(id)}/documents`,
  endpoints: (id: string) => `/publisher/apis/${encodeURIComponent(id)}/endpoints`,
  revisions: (id: string) => `/publisher/apis/${encodeURIComponent(id)}/revisions`,
  scopes: (id: string) => `/publisher/apis/${encodeURIComponent(id)}/scopes`,
};
