import { expect, type Locator, type Page } from '@playwright/test';

export type Area = 'Publisher' | 'Developer Portal' | 'Service Catalog' | 'Admin';

/** The top bar around every signed-in page. */
export class AppShell {
  readonly signedInUser: Locator;
  readonly signOutButton: Locator;

  constructor(readonly page: Page) {
    this.signedInUser = page.getByTestId('signed-in-user');
    this.signOutButton = page.getByRole('button', { name: 'Sign out', exact: true });
  }

  tab(area: Area): Locator {
    return this.page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: area, exact: true });
  }

  /** Signs out through the Key Manager's end-session endpoint and waits to be back on /signin. */
  async signOut(): Promise<void> {
    await this.signOutButton.click();
    await expect(this.page).toHaveURL(/\/signin\?signed_out=1$/);
    await expect(this.page.getByText('You signed out.', { exact: true })).toBeVisible();
  }

  async open(area: Area): Promise<void> {
    await this.tab(area).click();
  }
}
