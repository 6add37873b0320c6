import { expect, type Locator, type Page } from '@playwright/test';

/** /admin/roles: built-in and custom roles; an admin creates, edits and deletes custom ones. */
export class RolesPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly newButton: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Roles' });
    this.table = page.getByRole('table', { name: 'Roles' });
    this.newButton = page.getByRole('button', { name: 'New role', exact: true });
    this.notice = page.getByRole('status');
  }

  async goto(): Promise<void> {
    await this.page.goto('/admin/roles');
    await expect(this.heading).toBeVisible();
  }

  /** The row of a role (a built-in one's name cell also says "built-in"). */
  row(name: string): Locator {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell', { name: new RegExp(`^${escaped}( built-in)?$`) }) });
  }

  /** Creates a custom role granting exactly these permissions. */
  async create(name: string, description: string, permissions: string[]): Promise<void> {
    await this.newButton.click();
    const form = this.page.getByRole('form', { name: 'New role' });
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('Description', { exact: true }).fill(description);
    for (const p of permissions) await form.getByRole('checkbox', { name: p, exact: true }).check();
    await form.getByRole('button', { name: 'Create role', exact: true }).click();
    await expect(this.notice).toContainText(`Created role ${name}.`);
  }
}
