import type { Locator, Page } from '@playwright/test';

/** /publisher/apis/:id */
export class ApiDetailPage {
  readonly heading: Locator;
  readonly context: Locator;
  readonly version: Locator;
  readonly endpoint: Locator;
  readonly lifecycle: Locator;
  readonly revisions: Locator;
  readonly deployButton: Locator;
  readonly deleteButton: Locator;
  readonly confirmDeleteButton: Locator;
  readonly invocationUrls: Locator;
  readonly deployments: Locator;
  readonly notice: Locator;
  readonly error: Locator;
  readonly resources: Locator;
  readonly lifecycleSection: Locator;
  readonly lifecycleStatus: Locator;
  readonly lifecycleReason: Locator;
  readonly lifecycleHistory: Locator;
  readonly lifecycleError: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.context = page.getByTestId('api-context');
    this.version = page.getByTestId('api-version');
    this.endpoint = page.getByTestId('api-endpoint');
    this.lifecycle = page.getByTestId('api-lifecycle');
    this.revisions = page.getByTestId('api-revisions');
    this.deployButton = page.getByRole('button', { name: 'Deploy', exact: true });
    this.deleteButton = page.getByRole('button', { name: 'Delete', exact: true });
    this.confirmDeleteButton = page.getByRole('button', { name: 'Confirm delete', exact: true });
    this.invocationUrls = page.getByRole('list', { name: 'Invocation URLs' });
    this.deployments = page.getByRole('table', { name: 'Deployments' });
    this.notice = page.getByRole('status').filter({ hasText: /^Deployed/ });
    this.error = page.getByRole('alert');
    this.resources = page.getByRole('table', { name: 'Resources' });
    this.lifecycleSection = page.getByRole('region', { name: 'Lifecycle', exact: true });
    this.lifecycleStatus = page.getByTestId('lifecycle-status');
    this.lifecycleReason = this.lifecycleSection.getByLabel('Reason', { exact: true });
    this.lifecycleHistory = page.getByRole('table', { name: 'Lifecycle history' });
    this.lifecycleError = this.lifecycleSection.getByRole('alert');
  }

  /** The row of the resources table for this method and path. */
  resource(method: string, path: string): Locator {
    return this.resources
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: method, exact: true }) })
      .filter({ has: this.page.getByRole('cell', { name: path, exact: true }) });
  }

  /** The "Add resource" form of the resources section. */
  get addResourceForm(): Locator {
    return this.page.getByRole('form', { name: 'Add resource' });
  }

  /** Adds a resource through the "Add resource" form. */
  async addResource(method: string, path: string): Promise<void> {
    const form = this.addResourceForm;
    await form.getByLabel('Method', { exact: true }).selectOption(method);
    await form.getByLabel('Path', { exact: true }).fill(path);
    await form.getByRole('button', { name: 'Add resource' }).click();
  }

  /** Deletes a resource after confirming. */
  async deleteResource(method: string, path: string): Promise<void> {
    await this.page.getByRole('button', { name: `Delete ${method} ${path}`, exact: true }).click();
    await this.page.getByRole('alertdialog').getByRole('button', { name: 'Confirm delete', exact: true }).click();
  }

  /** Lets calls to a resource through without a token (clears "Auth required" and saves). */
  async openResource(method: string, path: string): Promise<void> {
    await this.page.getByRole('button', { name: `Edit ${method} ${path}`, exact: true }).click();
    const row = this.resources.getByRole('row').filter({ has: this.page.getByRole('button', { name: 'Save', exact: true }) });
    await row.getByLabel('Auth required', { exact: true }).uncheck();
    await row.getByRole('button', { name: 'Save', exact: true }).click();
    await this.page.getByRole('status').filter({ hasText: 'Resource saved' }).waitFor();
  }

  /** The lifecycle button with this label (Publish, Deploy as prototype, Deprecate…). */
  lifecycleAction(label: string): Locator {
    return this.lifecycleSection.getByRole('button', { name: label, exact: true });
  }

  /** Takes a lifecycle action, with a reason if given. */
  async changeLifecycle(label: string, reason?: string): Promise<void> {
    if (reason !== undefined) await this.lifecycleReason.fill(reason);
    await this.lifecycleAction(label).click();
  }

  async deploy(): Promise<void> {
    await this.deployButton.click();
  }

  async delete(): Promise<void> {
    await this.deleteButton.click();
    await this.confirmDeleteButton.click();
  }
}
