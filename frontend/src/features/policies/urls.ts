/** Where the Traffic Manager's pages live. */
export const policyUrls = {
  list: () => '/admin/policies',
};
