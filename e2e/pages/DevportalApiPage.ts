import type { Locator, Page } from '@playwright/test';

/** /devportal/apis/:id: an API's overview, the Subscribe panel and code samples. */
export class DevportalApiPage {
  readonly heading: Locator;
  readonly invocationUrls: Locator;
  readonly resources: Locator;
  readonly subscribePanel: Locator;
  readonly application: Locator;
  readonly tier: Locator;
  readonly subscribeButton: Locator;
  readonly notice: Locator;
  readonly banner: Locator;
  readonly codeSample: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.invocationUrls = page.getByRole('list', { name: 'Invocation URLs' });
    this.resources = page.getByRole('table', { name: 'Resources' });
    this.subscribePanel = page.getByRole('region', { name: 'Subscribe', exact: true });
    this.application = this.subscribePanel.getByLabel('Application', { exact: true });
    this.tier = this.subscribePanel.getByLabel('Subscription tier', { exact: true });
    this.subscribeButton = this.subscribePanel.getByRole('button', { name: 'Subscribe', exact: true });
    this.notice = this.subscribePanel.getByRole('status');
    this.banner = this.subscribePanel.getByRole('alert');
    this.codeSample = page.getByTestId('code-sample');
  }

  async subscribe(application: string, tier: string): Promise<void> {
    await this.application.selectOption({ label: application });
    await this.tier.selectOption({ label: tier });
    await this.subscribeButton.click();
  }

  sampleTab(language: 'curl' | 'JavaScript' | 'Python' | 'Go'): Locator {
    return this.page.getByRole('tab', { name: language, exact: true });
  }

  /** The error shown next to a field of the Subscribe form. */
  fieldError(field: 'applicationID' | 'tier'): Locator {
    return this.page.getByTestId(`field-error-${field}`);
  }
}
