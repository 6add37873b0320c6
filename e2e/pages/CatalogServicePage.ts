import type { Locator, Page } from '@playwright/test';

/** /catalog/services/:id: a service, the APIs built from it, and the Create API form. */
export class CatalogServicePage {
  readonly heading: Locator;
  readonly serviceURL: Locator;
  readonly definitionType: Locator;
  readonly definition: Locator;
  readonly definitionHash: Locator;
  readonly usage: Locator;
  readonly editButton: Locator;
  readonly deleteButton: Locator;
  readonly confirmDeleteButton: Locator;
  readonly error: Locator;
  readonly notice: Locator;
  readonly createApiForm: Locator;
  readonly createApiName: Locator;
  readonly createApiContext: Locator;
  readonly createApiVersion: Locator;
  readonly createApiButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.serviceURL = page.getByTestId('service-url');
    this.definitionType = page.getByTestId('service-definition-type');
    this.definition = page.getByTestId('service-definition');
    this.definitionHash = page.getByTestId('service-definition-hash');
    this.usage = page.getByRole('table', { name: 'APIs using this service' });
    this.editButton = page.getByRole('link', { name: 'Edit', exact: true });
    this.deleteButton = page.getByRole('button', { name: 'Delete', exact: true });
    this.confirmDeleteButton = page.getByRole('button', { name: 'Confirm delete', exact: true });
    this.error = page.getByRole('alert');
    this.notice = page.getByRole('status');
    this.createApiForm = page.getByRole('form', { name: 'Create API' });
    this.createApiName = this.createApiForm.getByLabel('Name', { exact: true });
    this.createApiContext = this.createApiForm.getByLabel('Context', { exact: true });
    this.createApiVersion = this.createApiForm.getByLabel('Version', { exact: true });
    this.createApiButton = this.createApiForm.getByRole('button', { name: 'Create API', exact: true });
  }

  async goto(id: string): Promise<void> {
    await this.page.goto(`/catalog/services/${id}`);
  }

  /** The service's id, from the page's URL. */
  id(): string {
    const m = /\/catalog\/services\/([^/?#]+)/.exec(new URL(this.page.url()).pathname);
    if (!m?.[1]) throw new Error(`not on a service page: ${this.page.url()}`);
    return decodeURIComponent(m[1]);
  }

  /** The row of the usage table for the API with this name. */
  api(name: string): Locator {
    return this.usage.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** "Up to date" or "Out of date" for the API with this name. */
  apiStatus(name: string): Locator {
    return this.api(name).getByTestId('drift-status');
  }

  /** The operations ("METHOD /path") the service added, removed or changed since the API was built. */
  drift(name: string, kind: 'Added' | 'Removed' | 'Changed'): Locator {
    return this.api(name).getByRole('list', { name: kind, exact: true });
  }

  updateApiButton(name: string): Locator {
    return this.api(name).getByRole('button', { name: 'Update API', exact: true });
  }

  async createApi(api: { name?: string; context?: string; version?: string }): Promise<void> {
    if (api.name !== undefined) await this.createApiName.fill(api.name);
    if (api.context !== undefined) await this.createApiContext.fill(api.context);
    if (api.version !== undefined) await this.createApiVersion.fill(api.version);
    await this.createApiButton.click();
  }

  async delete(): Promise<void> {
    await this.deleteButton.click();
    await this.confirmDeleteButton.click();
  }
}
