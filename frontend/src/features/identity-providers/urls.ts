/** Typed URL builders of the identity providers admin page. */
export const identityProviderUrls = {
  admin: () => '/admin/identity-providers',
};
