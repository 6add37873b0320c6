import type { Locator, Page } from '@playwright/test';

/** /admin/alerts: alert rules on the analytics. */
export class AlertsPage {
  readonly heading: Locator;
  readonly newButton: Locator;
  readonly form: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Alerts', exact: true });
    this.newButton = page.getByRole('button', { name: 'New alert', exact: true });
    this.form = page.getByRole('form', { name: /alert$/ });
    this.table = page.getByRole('table', { name: 'Alert rules' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/admin/alerts');
  }

  row(name: string): Locator {
    return this.page.getByTestId(`alert-${name}`);
  }

  fieldError(field: string): Locator {
    return this.page.getByTestId(`field-error-${field}`);
  }

  /** Fills the open form; the API is picked by its visible name. */
  async fill(v: { name: string; metric?: string; api: string; threshold: string; windowMinutes?: string; webhookURL?: string }): Promise<void> {
    await this.form.getByLabel('Name', { exact: true }).fill(v.name);
    if (v.metric) await this.form.getByLabel('Metric').selectOption({ label: v.metric });
    await this.form.getByLabel('API', { exact: true }).selectOption({ label: v.api });
    await this.form.getByLabel('Threshold').fill(v.threshold);
    if (v.windowMinutes) await this.form.getByLabel('Window (minutes)').fill(v.windowMinutes);
    if (v.webhookURL !== undefined) await this.form.getByLabel('Webhook URL').fill(v.webhookURL);
  }
}
