import { expect, test } from '../fixtures';
import { ApiBusinessPage, ApiDocumentsPage, ApiRevisionsPage, ApiTabs } from '../pages/ApiDesignPages';
import { ApiDetailPage } from '../pages/ApiDetailPage';
import { ImportApiPage } from '../pages/ImportApiPage';
import { PublisherPage } from '../pages/PublisherPage';
import { startEchoBackend, type EchoBackend } from '../support/echo-backend';
import { callGateway } from '../support/gateway';

// The publisher's design flow end to end: import an OpenAPI file, edit a resource, add
// business data and a document, create and deploy a revision, publish, call the API through
// the gateway, then create a new version and deprecate the old one. On the way the
// definition text is edited (an operation made public) and the resource table follows it.
let backend: EchoBackend;
test.beforeAll(async () => {
  backend = await startEchoBackend();
});
test.afterAll(async () => {
  await backend?.close();
});

function definition(title: string, server: string): string {
  return `openapi: 3.0.3
info:
  title: ${title}
  version: 1.0.0
servers:
  - url: ${server}
paths:
  /menu:
    get:
      operationId: menu
      responses:
        '200':
          description: The menu
  /orders:
    post:
      operationId: order
      responses:
        '201':
          description: Ordered
  /status:
    get:
      operationId: status
      responses:
        '200':
          description: Up
`;
}

test('a publisher designs, revises, publishes and versions an API', async ({ page, gatehouse, signInAs }) => {
  const suffix = Date.now().toString(36);
  const title = `Kitchen ${suffix}`;
  const context = `kitchen-${suffix}`;

  await signInAs('publisher');
  const publisher = new PublisherPage(page);
  await publisher.importButton.click();
  const wizard = new ImportApiPage(page);
  await wizard.validate(definition(title, backend.url));
  await expect(wizard.verdict).toHaveText('The definition is valid.');
  await wizard.context.fill(context);
  await wizard.importButton.click();

  const detail = new ApiDetailPage(page);
  await expect(detail.heading).toHaveText(title);
  const apiURL = page.url();

  // Edit a resource: GET /menu no longer needs a token.
  await expect(detail.resource('GET', '/menu')).toContainText('Yes');
  await page.getByRole('button', { name: 'Edit GET /menu' }).click();
  const edit = page.getByRole('form', { name: 'Edit GET /menu' });
  await expect(edit).toBeAttached();
  await detail.resources.getByLabel('Auth required').uncheck();
  await detail.resources.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(detail.resource('GET', '/menu')).toContainText('No');

  // The resource editor's change shows in the definition text; editing the text makes
  // GET /status public, and the resource table follows.
  await page.getByRole('button', { name: 'Show enforced definition', exact: true }).click();
  const enforced = page.locator('pre[aria-label="Enforced definition"]');
  await expect(enforced).toContainText('"x-gatehouse-auth-required": false');
  const exported = JSON.parse((await enforced.textContent()) ?? '{}');
  expect(exported.paths['/menu'].get['x-gatehouse-auth-required']).toBe(false);
  expect(exported.paths['/status'].get['x-gatehouse-auth-required']).toBe(true);
  exported.paths['/status'].get['x-gatehouse-auth-required'] = false;
  await page.getByRole('button', { name: 'Edit definition', exact: true }).click();
  await page.getByLabel('Definition text', { exact: true }).fill(JSON.stringify(exported, null, 2));
  await page.getByRole('button', { name: 'Validate', exact: true }).click();
  await expect(page.getByTestId('report-verdict')).toHaveText('The definition is valid.');
  await page.getByRole('button', { name: 'Save definition', exact: true }).click();
  // The third cell is "Auth required".
  await expect(detail.resource('GET', '/status').getByRole('cell').nth(2)).toHaveText('No');
  await expect(detail.resource('GET', '/menu').getByRole('cell').nth(2)).toHaveText('No');
  await expect(detail.resource('POST', '/orders').getByRole('cell').nth(2)).toHaveText('Yes');

  // Business data.
  const tabs = new ApiTabs(page);
  await tabs.tab('Basic info').click();
  const business = new ApiBusinessPage(page);
  await business.tags.fill('Food, kitchen');
  await business.categories.fill('Food & Drink');
  await business.saveButton.click();
  await expect(business.notice).toBeVisible();
  await expect(business.tags).toHaveValue('food, kitchen');

  // A markdown document, previewed safely.
  await tabs.tab('Documents').click();
  const docs = new ApiDocumentsPage(page);
  await docs.addButton.click();
  await docs.name.fill('Getting started');
  await docs.markdown.fill('# Order food\n\nCall **GET /menu** first.\n\n<img src=x onerror="window.pwned=1">');
  await expect(docs.preview.getByRole('heading', { name: 'Order food' })).toBeVisible();
  await expect(docs.preview.locator('img')).toHaveCount(0);
  await docs.saveButton.click();
  await expect(docs.table.getByRole('row').filter({ hasText: 'Getting started' })).toHaveCount(1);

  // Create a revision and deploy it.
  await tabs.tab('Revisions').click();
  const revisions = new ApiRevisionsPage(page);
  await revisions.description.fill('first cut');
  await revisions.createButton.click();
  await expect(revisions.notice).toContainText('Created revision 1.');
  await revisions.deployButton(1).click();
  await expect(revisions.notice).toContainText('Deployed revision 1 to');
  await expect(revisions.revision(1)).not.toContainText('not deployed');

  // Publish, then call it through the gateway without a token.
  await tabs.tab('Overview').click();
  await detail.changeLifecycle('Publish', 'design e2e');
  await expect(detail.lifecycleStatus).toHaveText(/^published$/i);
  const url = `${gatehouse.gatewayURL}/${context}/1.0.0/menu`;
  const reply = await callGateway(url, { want: 200, timeoutMs: 15_000 });
  expect(reply.status, `GET ${url} answered ${reply.status}: ${reply.body}`).toBe(200);
  expect(JSON.parse(reply.body)).toMatchObject({ hello: backend.token, path: '/menu' });
  // GET /status was made public in the definition text; POST /orders still needs a token.
  expect((await callGateway(`${gatehouse.gatewayURL}/${context}/1.0.0/status`, { want: 200, timeoutMs: 15_000 })).status).toBe(200);
  expect((await fetch(`${gatehouse.gatewayURL}/${context}/1.0.0/orders`, { method: 'POST' })).status).toBe(401);

  // A new version; it shows no breaking changes against 1.0.0.
  await page.getByLabel('New version', { exact: true }).fill('2.0.0');
  await page.getByRole('button', { name: 'Create new version', exact: true }).click();
  await expect(detail.version).toContainText('2.0.0');
  await expect(page.getByTestId('breaking-changes')).toContainText('Breaking changes since 1.0.0');
  await expect(page.getByTestId('breaking-changes')).toContainText('None found');

  // Deprecate the old version.
  await page.goto(apiURL);
  await expect(detail.version).toContainText('1.0.0');
  await detail.changeLifecycle('Deprecate', 'moved to 2.0.0');
  await expect(detail.lifecycleStatus).toHaveText(/^deprecated$/i);
});
