import type { Locator, Page } from '@playwright/test';

export type KeyType = 'Production' | 'Sandbox';

/** The keys of one type on an application's page. */
export class KeysPanel {
  readonly section: Locator;
  readonly generateButton: Locator;
  readonly consumerKey: Locator;
  readonly consumerSecret: Locator;
  readonly regenerateButton: Locator;
  readonly scopes: Locator;
  readonly validity: Locator;
  readonly generateTokenButton: Locator;
  readonly accessToken: Locator;
  readonly curlCommand: Locator;
  readonly banner: Locator;
  readonly callbackURL: Locator;

  constructor(page: Page, type: KeyType) {
    this.section = page.getByRole('region', { name: `${type} keys`, exact: true });
    this.generateButton = this.section.getByRole('button', { name: 'Generate keys', exact: true });
    this.consumerKey = this.section.getByTestId(`${type.toLowerCase()}-consumer-key`);
    this.consumerSecret = this.section.getByLabel('Consumer secret', { exact: true });
    this.regenerateButton = this.section.getByRole('button', { name: 'Regenerate secret', exact: true });
    this.scopes = this.section.getByLabel('Scopes', { exact: true });
    this.validity = this.section.getByLabel('Validity (seconds)', { exact: true });
    this.generateTokenButton = this.section.getByRole('button', { name: 'Generate access token', exact: true });
    this.accessToken = this.section.getByLabel('Access token', { exact: true });
    this.curlCommand = this.section.getByLabel('Try it with curl', { exact: true });
    this.banner = this.section.getByRole('alert');
    this.callbackURL = this.section.getByLabel('Callback URL', { exact: true });
  }

  fieldError(name: string): Locator {
    return this.section.getByTestId(`field-error-${name}`);
  }

  grantType(value: 'client_credentials' | 'authorization_code' | 'password' | 'refresh_token'): Locator {
    return this.section.locator(`input[type="checkbox"][value="${value}"]`);
  }
}

/** /devportal/applications/:id */
export class DevportalApplicationPage {
  readonly heading: Locator;
  readonly subscriptions: Locator;
  readonly notice: Locator;
  readonly production: KeysPanel;
  readonly sandbox: KeysPanel;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.subscriptions = page.getByRole('table', { name: 'Subscriptions' });
    this.notice = page.getByRole('status').filter({ hasText: /Unsubscribed|Saved/ });
    this.production = new KeysPanel(page, 'Production');
    this.sandbox = new KeysPanel(page, 'Sandbox');
  }

  subscriptionRow(apiName: string): Locator {
    return this.subscriptions.getByRole('row').filter({ hasText: apiName });
  }

  async unsubscribe(apiName: string): Promise<void> {
    await this.subscriptionRow(apiName).getByRole('button', { name: /^Unsubscribe/ }).click();
  }
}
