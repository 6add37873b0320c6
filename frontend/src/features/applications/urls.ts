/** Typed URL builders of the Developer Portal's application pages. */
export const applicationUrls = {
  list: () => '/devportal/applications',
  create: () => '/devportal/applications/new',
  detail: (id: string) => `/devportal/applications/${encodeURIComponent(id)}`,
};
