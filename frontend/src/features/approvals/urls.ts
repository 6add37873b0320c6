/** Where the approval pages live. */
export const approvalUrls = {
  queue: () => '/admin/approvals',
  apiSubscriptions: (apiID: string) => `/publisher/apis/${encodeURIComponent(apiID)}/subscriptions`,
};
