import type { Locator, Page } from '@playwright/test';

/** /catalog: the registered services, with search and a definition-type filter. */
export class CatalogPage {
  readonly heading: Locator;
  readonly registerButton: Locator;
  readonly search: Locator;
  readonly definitionType: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Services' });
    this.registerButton = page.getByRole('link', { name: 'Register service', exact: true });
    this.search = page.getByRole('searchbox', { name: 'Search' });
    this.definitionType = page.getByLabel('Definition type', { exact: true });
    this.table = page.getByRole('table', { name: 'Services' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/catalog');
  }

  /** The table row of the service shown under this name (its display name, or name). */
  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }
}
