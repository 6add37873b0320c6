import type { Locator, Page } from '@playwright/test';

/** /admin/policies: throttling tiers of every level, deny policies and quota resets. */
export class PoliciesPage {
  readonly notice: Locator;
  readonly denyPolicies: Locator;

  constructor(readonly page: Page) {
    this.notice = page.getByRole('status').filter({ hasText: /^(Saved|Deleted) tier/ });
    this.denyPolicies = page.getByRole('table', { name: 'Deny policies' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/admin/policies');
  }

  tiers(level: 'Subscription tiers' | 'Application policies' | 'API and resource policies'): Locator {
    return this.page.getByRole('table', { name: level });
  }

  tierRow(level: Parameters<PoliciesPage['tiers']>[0], name: string): Locator {
    return this.tiers(level).getByRole('row').filter({ hasText: name });
  }

  /** The tier form, new or editing. */
  form(): Locator {
    return this.page.getByRole('form', { name: /^(New tier|Edit tier)/ });
  }

  async addDenyPolicy(kind: string, value: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'New deny policy' });
    await form.getByLabel('Block').selectOption({ label: kind });
    await form.getByLabel('Value').fill(value);
    await form.getByRole('button', { name: 'Add deny policy' }).click();
  }
}
