/** Typed URL builders of the Developer Portal's API pages. */
export const discoveryUrls = {
  catalogue: () => '/devportal',
  api: (id: string) => `/devportal/apis/${encodeURIComponent(id)}`,
  console: (id: string) => `/devportal/apis/${encodeURIComponent(id)}/console`,
};
