import type { Locator, Page } from '@playwright/test';

export interface NewApplication {
  name: string;
  description?: string;
  /** An APPLICATION-level tier, e.g. "Unlimited". */
  throttlingTier?: string;
  tokenType?: 'JWT' | 'Opaque reference token';
}

/** /devportal/applications and /devportal/applications/new. */
export class DevportalApplicationsPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly createButton: Locator;
  readonly createHeading: Locator;
  readonly name: Locator;
  readonly description: Locator;
  readonly throttlingTier: Locator;
  readonly tokenType: Locator;
  readonly submit: Locator;
  readonly banner: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Applications' });
    this.table = page.getByRole('table', { name: 'Applications' });
    this.createButton = page.getByRole('link', { name: 'Create application', exact: true });
    this.createHeading = page.getByRole('heading', { level: 1, name: 'Create application' });
    const form = page.getByRole('form', { name: 'Create application' });
    this.name = form.getByLabel('Name', { exact: true });
    this.description = form.getByLabel('Description', { exact: true });
    this.throttlingTier = form.getByLabel('Throttling tier', { exact: true });
    this.tokenType = form.getByLabel('Token type', { exact: true });
    this.submit = form.getByRole('button', { name: 'Create', exact: true });
    this.banner = page.getByRole('alert');
  }

  async goto(): Promise<void> {
    await this.page.goto('/devportal/applications');
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  async create(app: NewApplication): Promise<void> {
    await this.createButton.click();
    await this.name.fill(app.name);
    if (app.description) await this.description.fill(app.description);
    if (app.throttlingTier) await this.throttlingTier.selectOption({ label: app.throttlingTier });
    if (app.tokenType) await this.tokenType.selectOption({ label: app.tokenType });
    await this.submit.click();
  }

  fieldError(field: 'name' | 'description' | 'throttlingTier' | 'tokenType'): Locator {
    return this.page.getByTestId(`field-error-${field}`);
  }
}
