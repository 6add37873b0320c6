import type { Locator, Page } from '@playwright/test';

export interface NewApi {
  name: string;
  context: string;
  version: string;
  endpoint: string;
  description?: string;
}

/** /publisher/apis/new */
export class CreateApiPage {
  readonly heading: Locator;
  readonly name: Locator;
  readonly context: Locator;
  readonly version: Locator;
  readonly endpoint: Locator;
  readonly description: Locator;
  readonly submit: Locator;
  readonly banner: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Create API' });
    this.name = page.getByLabel('Name', { exact: true });
    this.context = page.getByLabel('Context', { exact: true });
    this.version = page.getByLabel('Version', { exact: true });
    this.endpoint = page.getByLabel('Endpoint', { exact: true });
    this.description = page.getByLabel('Description', { exact: true });
    this.submit = page.getByRole('button', { name: 'Create', exact: true });
    this.banner = page.getByRole('alert');
  }

  async goto(): Promise<void> {
    await this.page.goto('/publisher/apis/new');
  }

  async create(api: NewApi): Promise<void> {
    await this.name.fill(api.name);
    await this.context.fill(api.context);
    await this.version.fill(api.version);
    await this.endpoint.fill(api.endpoint);
    if (api.description) await this.description.fill(api.description);
    await this.submit.click();
  }

  /** The error shown next to an input (`field` is the input name the server reports). */
  fieldError(field: 'name' | 'context' | 'version' | 'endpoint' | 'description'): Locator {
    return this.page.getByTestId(`field-error-${field}`);
  }

  /** The form group (label, input, error) of a field, to check an error sits next to its input. */
  fieldGroup(input: Locator): Locator {
    return this.page.locator('.field', { has: input });
  }
}
