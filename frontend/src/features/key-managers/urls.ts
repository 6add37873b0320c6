/** Typed URL builders of the key managers admin page. */
export const keyManagerUrls = {
  admin: () => '/admin/key-managers',
};
