import type { Locator, Page } from '@playwright/test';

/** /publisher/apis/import: provide a definition, validate it, adjust the settings, import. */
export class ImportApiPage {
  readonly heading: Locator;
  readonly definition: Locator;
  readonly definitionFile: Locator;
  readonly definitionUrl: Locator;
  readonly validateButton: Locator;
  readonly verdict: Locator;
  readonly kind: Locator;
  readonly title: Locator;
  readonly operationCount: Locator;
  readonly operations: Locator;
  readonly problems: Locator;
  readonly name: Locator;
  readonly context: Locator;
  readonly version: Locator;
  readonly endpoint: Locator;
  readonly importButton: Locator;
  readonly banner: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Import API' });
    this.definition = page.getByLabel('Definition', { exact: true });
    this.definitionFile = page.getByLabel('Definition file', { exact: true });
    this.definitionUrl = page.getByLabel('Definition URL', { exact: true });
    this.validateButton = page.getByRole('button', { name: 'Validate', exact: true });
    this.verdict = page.getByTestId('report-verdict');
    this.kind = page.getByTestId('report-kind');
    this.title = page.getByTestId('report-title');
    this.operationCount = page.getByTestId('report-operation-count');
    this.operations = page.getByRole('table', { name: 'Operations' });
    this.problems = page.getByRole('list', { name: 'Problems' });
    this.name = page.getByLabel('Name', { exact: true });
    this.context = page.getByLabel('Context', { exact: true });
    this.version = page.getByLabel('Version', { exact: true });
    this.endpoint = page.getByLabel('Endpoint', { exact: true });
    this.importButton = page.getByRole('button', { name: 'Import', exact: true });
    this.banner = page.getByRole('alert');
  }

  async goto(): Promise<void> {
    await this.page.goto('/publisher/apis/import');
  }

  /** Puts the definition's text in the Definition field (as pasting would) and validates it. */
  async validate(text: string): Promise<void> {
    await this.definition.fill(text);
    await this.validateButton.click();
  }

  /** The problems of the report with this severity ("error", "warning"). */
  problemsOf(severity: 'error' | 'warning'): Locator {
    return this.problems.locator(`li.problem.${severity}`);
  }

  /** The error shown next to an input (`field` is the input name the server reports). */
  fieldError(field: 'source' | 'name' | 'context' | 'version' | 'endpoint'): Locator {
    return this.page.getByTestId(`field-error-${field}`);
  }
}
