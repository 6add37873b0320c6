import type { Locator, Page } from '@playwright/test';

/** /admin/approvals: subscriptions and accounts waiting for an admin, and what requires approval. */
export class ApprovalsPage {
  readonly pendingSubscriptions: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.pendingSubscriptions = page.getByRole('table', { name: 'Subscriptions waiting for approval' });
    this.notice = page.getByRole('status').filter({ hasText: /^(Approved|Rejected)/ });
  }

  async goto(): Promise<void> {
    await this.page.goto('/admin/approvals');
  }

  /** The checkbox making a subscription tier require approval. */
  tierRequiresApproval(tier: string): Locator {
    return this.page.getByRole('region', { name: 'Tiers that require approval' }).getByRole('checkbox', { name: tier, exact: true });
  }

  pendingRow(application: string): Locator {
    return this.pendingSubscriptions.getByRole('row').filter({ hasText: application });
  }
}
