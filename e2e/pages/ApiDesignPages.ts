import type { Locator, Page } from '@playwright/test';

/** The tabs of one API's design pages. */
export class ApiTabs {
  constructor(readonly page: Page) {}

  tab(name: 'Overview' | 'Basic info' | 'Endpoints' | 'Scopes' | 'Documents' | 'Revisions'): Locator {
    return this.page.getByRole('navigation', { name: 'API pages' }).getByRole('link', { name, exact: true });
  }
}

/** /publisher/apis/:id/business */
export class ApiBusinessPage {
  readonly tags: Locator;
  readonly categories: Locator;
  readonly saveButton: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    const form = page.getByRole('form', { name: 'Business information' });
    this.tags = form.getByLabel('Tags', { exact: true });
    this.categories = form.getByLabel('Categories', { exact: true });
    this.saveButton = form.getByRole('button', { name: 'Save', exact: true });
    this.notice = page.getByRole('status').filter({ hasText: 'Business information saved.' });
  }
}

/** /publisher/apis/:id/documents */
export class ApiDocumentsPage {
  readonly addButton: Locator;
  readonly name: Locator;
  readonly markdown: Locator;
  readonly preview: Locator;
  readonly saveButton: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.addButton = page.getByRole('button', { name: 'Add document', exact: true });
    const form = page.getByRole('form', { name: 'Document' });
    this.name = form.getByLabel('Name', { exact: true });
    this.markdown = form.getByLabel('Markdown', { exact: true });
    this.preview = page.getByTestId('markdown-preview');
    this.saveButton = form.getByRole('button', { name: 'Save document', exact: true });
    this.table = page.getByRole('table', { name: 'Documents' });
  }
}

/** /publisher/apis/:id/revisions */
export class ApiRevisionsPage {
  readonly description: Locator;
  readonly createButton: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.description = page.getByLabel('Revision description', { exact: true });
    this.createButton = page.getByRole('button', { name: 'Create revision', exact: true });
    this.notice = page.getByRole('status');
  }

  revision(number: number): Locator {
    return this.page.getByTestId(`revision-${number}`);
  }

  deployButton(number: number): Locator {
    return this.revision(number).getByRole('button', { name: 'Deploy to Default', exact: true });
  }
}

/** /publisher/apis/:id/endpoints */
export class ApiEndpointsPage {
  readonly form: Locator;
  readonly productionType: Locator;
  readonly productionURLs: Locator;
  readonly productionRetries: Locator;
  readonly productionAuth: Locator;
  readonly saveButton: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Endpoints' });
    const production = this.form.getByRole('region', { name: 'Production' });
    this.productionType = production.getByLabel('Endpoint type');
    this.productionURLs = production.getByLabel('URLs');
    this.productionRetries = production.getByLabel('Retries');
    this.productionAuth = production.getByLabel('Backend authentication');
    this.saveButton = this.form.getByRole('button', { name: 'Save endpoints' });
    this.notice = page.getByRole('status').filter({ hasText: 'Endpoints saved.' });
  }
}

/** The "Gateway security" form on an API's Endpoints page (mutual TLS, backend JWT). */
export class GatewaySecurityForm {
  readonly form: Locator;
  readonly mutualTLS: Locator;
  readonly mode: Locator;
  readonly trustedCAs: Locator;
  readonly backendJWT: Locator;
  readonly header: Locator;
  readonly saveButton: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Gateway security' });
    this.mutualTLS = this.form.getByLabel(/Check client certificates/);
    this.mode = this.form.getByLabel('Callers authenticate with', { exact: true });
    this.trustedCAs = this.form.getByLabel('Trusted certificates (PEM)', { exact: true });
    this.backendJWT = this.form.getByLabel(/Send the backend a signed JWT/);
    this.header = this.form.getByLabel('Header', { exact: true });
    this.saveButton = this.form.getByRole('button', { name: 'Save gateway security' });
    this.notice = page.getByRole('status').filter({ hasText: 'Gateway security saved.' });
  }
}

/** /publisher/apis/:id/scopes */
export class ApiScopesPage {
  readonly addButton: Locator;
  readonly form: Locator;
  readonly name: Locator;
  readonly displayName: Locator;
  readonly createButton: Locator;
  readonly table: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.addButton = page.getByRole('button', { name: 'Add scope', exact: true });
    this.form = page.getByRole('form', { name: 'New scope' });
    this.name = this.form.getByLabel('Name', { exact: true });
    this.displayName = this.form.getByLabel('Display name', { exact: true });
    this.createButton = this.form.getByRole('button', { name: 'Create scope', exact: true });
    this.table = page.getByRole('table', { name: 'Scopes' });
    this.notice = page.getByRole('status');
  }

  role(name: string): Locator {
    return this.form.getByRole('checkbox', { name, exact: true });
  }

  row(scope: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByText(scope, { exact: true }) });
  }
}
