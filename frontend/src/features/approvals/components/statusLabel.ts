/** How subscription states read in tables (WSO2's names behind them). */
export const subscriptionStatusLabel: Record<string, string> = {
  UNBLOCKED: 'Active',
  BLOCKED: 'Blocked',
  PROD_ONLY_BLOCKED: 'Production blocked',
  ON_HOLD: 'Waiting for approval',
  REJECTED: 'Rejected',
};
