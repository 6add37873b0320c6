/** Where the roles admin page lives. */
export const roleUrls = {
  list: () => '/admin/roles',
};
