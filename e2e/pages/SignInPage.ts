import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Signing in to the portal: the SPA's /signin hands over to the Key Manager's login page
 * (/oauth2/login, OIDC code + PKCE run by the server), which returns to ?next= afterwards.
 */
export class SignInPage {
  readonly heading: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.username = page.getByLabel('Username', { exact: true });
    this.password = page.getByLabel('Password', { exact: true });
    this.submit = page.getByRole('button', { name: 'Sign in', exact: true });
    this.error = page.getByRole('alert');
  }

  /** Opens /signin and waits for the Key Manager's login page it leads to. */
  async goto(next?: string): Promise<void> {
    // 'commit': the page leaves for the login page while loading, so "load" never comes.
    await this.page.goto(next ? `/signin?next=${encodeURIComponent(next)}` : '/signin', { waitUntil: 'commit' });
    await this.waitForLoginPage();
  }

  async waitForLoginPage(): Promise<void> {
    await expect(this.page).toHaveURL(/\/oauth2\/login\?/);
    await expect(this.username).toBeVisible();
  }

  /**
   * The Key Manager's "choose a new password" form, shown after a correct temporary password:
   * it asks the temporary password again and the new one twice.
   */
  async chooseNewPassword(temporary: string, chosen: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
    const current = this.page.getByLabel('Temporary password', { exact: true });
    if (await current.count()) await current.fill(temporary);
    await this.page.getByLabel('New password', { exact: true }).fill(chosen);
    await this.page.getByLabel(/^(New password again|Confirm new password)$/).fill(chosen);
    await this.page.getByRole('button', { name: /password/i }).click();
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}
