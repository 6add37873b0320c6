import type { Locator, Page } from '@playwright/test';

/** /devportal: the catalogue of published APIs, and the Developer Portal's own tabs. */
export class DevportalPage {
  readonly heading: Locator;
  readonly search: Locator;
  readonly cards: Locator;
  readonly apisTab: Locator;
  readonly applicationsTab: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'APIs' });
    this.search = page.getByRole('searchbox', { name: 'Search APIs' });
    this.cards = page.getByRole('article');
    const nav = page.getByRole('navigation', { name: 'Developer Portal' });
    this.apisTab = nav.getByRole('link', { name: 'APIs', exact: true });
    this.applicationsTab = nav.getByRole('link', { name: 'Applications', exact: true });
  }

  async goto(): Promise<void> {
    await this.page.goto('/devportal');
  }

  /** The card of an API, by its name. */
  card(name: string): Locator {
    return this.cards.filter({ has: this.page.getByRole('heading', { name, exact: true }) });
  }

  async find(name: string): Promise<void> {
    await this.search.fill(name);
  }

  async open(name: string): Promise<void> {
    await this.card(name).getByRole('link', { name, exact: true }).click();
  }
}
