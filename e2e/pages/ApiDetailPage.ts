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
  }

  async deploy(): Promise<void> {
    await this.deployButton.click();
  }

  async delete(): Promise<void> {
    await this.deleteButton.click();
    await this.confirmDeleteButton.click();
  }
}
