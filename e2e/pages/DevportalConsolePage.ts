import type { Locator, Page } from '@playwright/test';

/** /devportal/apis/:id/console: the token picker and Swagger UI calling the gateway. */
export class DevportalConsolePage {
  readonly tokenForm: Locator;
  readonly application: Locator;
  readonly keyType: Locator;
  readonly generateToken: Locator;
  readonly token: Locator;
  readonly console: Locator;
  readonly corsHint: Locator;
  /** GraphiQL, for GraphQL APIs. */
  readonly graphql: Locator;
  readonly runQuery: Locator;
  readonly graphqlResponse: Locator;

  constructor(readonly page: Page) {
    this.tokenForm = page.getByRole('form', { name: 'Console token' });
    this.application = this.tokenForm.getByLabel('Application');
    this.keyType = this.tokenForm.getByLabel('Keys');
    this.generateToken = this.tokenForm.getByRole('button', { name: 'Generate test token' });
    this.token = this.tokenForm.getByLabel(/Token in use/);
    this.console = page.getByTestId('openapi-console');
    this.corsHint = page.getByTestId('cors-hint');
    this.graphql = page.getByTestId('graphql-console');
    this.runQuery = this.graphql.getByRole('button', { name: 'Execute query (Ctrl-Enter)' });
    this.graphqlResponse = this.graphql.locator('.graphiql-response');
  }

  /** The Swagger UI block of an operation, e.g. ('get', '/menu'). */
  operation(method: string, path: string): Locator {
    return this.console.locator(`.opblock-${method.toLowerCase()}`).filter({
      has: this.page.locator('.opblock-summary-path', { hasText: new RegExp(`^${path.replace(/[{}/]/g, '\\$&')}$`) }),
    });
  }

  /** Opens an operation, runs it and returns the block, whose live response shows the status. */
  async execute(method: string, path: string): Promise<Locator> {
    const op = this.operation(method, path);
    if (!(await op.locator('.opblock-body').isVisible())) await op.locator('.opblock-summary').click();
    await op.getByRole('button', { name: 'Execute' }).click();
    return op;
  }

  /** The status code of the operation's last live response. */
  status(op: Locator): Locator {
    return op.locator('.live-responses-table .response .response-col_status').first();
  }

  responseBody(op: Locator): Locator {
    return op.locator('.live-responses-table .response .response-col_description').first();
  }

  /** Replaces the query in GraphiQL's editor (CodeMirror) with text. */
  async setQuery(text: string): Promise<void> {
    const editor = this.graphql.locator('.graphiql-query-editor .CodeMirror').first();
    await editor.waitFor();
    await editor.evaluate((el, value) => (el as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(value), text);
  }
}
