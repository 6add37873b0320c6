import type { Locator, Page } from '@playwright/test';

/** /publisher: the list of APIs. */
export class PublisherPage {
  readonly heading: Locator;
  readonly createButton: Locator;
  readonly importButton: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'APIs' });
    this.createButton = page.getByRole('link', { name: 'Create API', exact: true });
    this.importButton = page.getByRole('link', { name: 'Import API', exact: true });
    this.table = page.getByRole('table', { name: 'APIs' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/publisher');
  }

  /** The table row of the API with this name. */
  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** The table row of the API with this context (shown as /context). */
  rowWithContext(context: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell', { name: `/${context}`, exact: true }) });
  }

  async open(name: string): Promise<void> {
    await this.page.getByRole('link', { name, exact: true }).click();
  }
}
