import type { Locator, Page } from '@playwright/test';

/** The Key Manager's server-rendered pages: /oauth2/login, the consent page, /oauth2/logout. */
export class KeyManagerPages {
  readonly heading: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly signInButton: Locator;
  readonly allowButton: Locator;
  readonly denyButton: Locator;
  readonly signOutButton: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.username = page.getByLabel('Username', { exact: true });
    this.password = page.getByLabel('Password', { exact: true });
    this.signInButton = page.getByRole('button', { name: 'Sign in', exact: true });
    this.allowButton = page.getByRole('button', { name: 'Allow', exact: true });
    this.denyButton = page.getByRole('button', { name: 'Deny', exact: true });
    this.signOutButton = page.getByRole('button', { name: 'Sign out', exact: true });
    this.alert = page.getByRole('alert');
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.signInButton.click();
  }
}
