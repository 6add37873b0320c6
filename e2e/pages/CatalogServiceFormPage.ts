import type { Locator, Page } from '@playwright/test';

export interface NewService {
  name: string;
  version: string;
  displayName?: string;
  description?: string;
  serviceURL: string;
  securityType?: 'NONE' | 'BASIC' | 'DIGEST' | 'OAUTH2' | 'X509';
  mutualTLS?: boolean;
  /** The definition document, chosen as a file through "Definition file". */
  definition: { fileName: string; text: string };
}

/** /catalog/services/new and /catalog/services/:id/edit: the service registration form. */
export class CatalogServiceFormPage {
  readonly heading: Locator;
  readonly form: Locator;
  readonly name: Locator;
  readonly version: Locator;
  readonly displayName: Locator;
  readonly description: Locator;
  readonly serviceURL: Locator;
  readonly securityType: Locator;
  readonly mutualTLS: Locator;
  readonly definitionFile: Locator;
  readonly definition: Locator;
  readonly registerButton: Locator;
  readonly saveButton: Locator;
  readonly banner: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.form = page.getByRole('form', { name: /^(Register|Edit) service$/ });
    this.name = this.form.getByLabel('Name', { exact: true });
    this.version = this.form.getByLabel('Version', { exact: true });
    this.displayName = this.form.getByLabel('Display name', { exact: true });
    this.description = this.form.getByLabel('Description', { exact: true });
    this.serviceURL = this.form.getByLabel('Service URL', { exact: true });
    this.securityType = this.form.getByLabel('Security type', { exact: true });
    this.mutualTLS = this.form.getByLabel('Mutual TLS', { exact: true });
    this.definitionFile = this.form.getByLabel('Definition file', { exact: true });
    this.definition = this.form.getByLabel('Definition', { exact: true });
    this.registerButton = this.form.getByRole('button', { name: 'Register', exact: true });
    this.saveButton = this.form.getByRole('button', { name: 'Save', exact: true });
    this.banner = this.form.getByRole('alert');
  }

  async goto(): Promise<void> {
    await this.page.goto('/catalog/services/new');
  }

  /** Fills the form (the definition through the file input) without submitting. */
  async fill(s: NewService): Promise<void> {
    await this.name.fill(s.name);
    await this.version.fill(s.version);
    if (s.displayName !== undefined) await this.displayName.fill(s.displayName);
    if (s.description !== undefined) await this.description.fill(s.description);
    await this.serviceURL.fill(s.serviceURL);
    if (s.securityType) await this.securityType.selectOption(s.securityType);
    if (s.mutualTLS !== undefined) await this.mutualTLS.setChecked(s.mutualTLS);
    await this.definitionFile.setInputFiles({ name: s.definition.fileName, mimeType: 'application/yaml', buffer: Buffer.from(s.definition.text) });
  }

  async register(s: NewService): Promise<void> {
    await this.fill(s);
    await this.registerButton.click();
  }

  /** The error shown next to an input (`field` is the input name the server reports). */
  fieldError(field: 'name' | 'version' | 'displayName' | 'description' | 'serviceUrl' | 'definition'): Locator {
    return this.page.getByTestId(`field-error-${field}`);
  }
}
