import type { APIRequestContext } from '@playwright/test';
import { expect, test } from '../fixtures';
import { ApiDetailPage } from '../pages/ApiDetailPage';
import { AppShell } from '../pages/AppShell';
import { CatalogPage } from '../pages/CatalogPage';
import { CatalogServiceFormPage } from '../pages/CatalogServiceFormPage';
import { CatalogServicePage } from '../pages/CatalogServicePage';

// The Service Catalog, end to end: a publisher registers a service in the UI and builds an
// API from it; a CI tool then replaces the service's definition through the REST API (with a
// client-credentials token carrying the catalog scopes); the service page shows the API as
// out of date with what changed, and "Update API" brings it in line.

/** A small OpenAPI 3.0 document; `operations` are written as YAML under paths. */
function itemsDefinition(title: string, paths: string): string {
  return `openapi: 3.0.3
info:
  title: ${title}
  version: 1.0.0
paths:
${paths}`;
}

const firstPaths = `  /items:
    get:
      operationId: listItems
      responses:
        '200':
          description: The items
    post:
      operationId: addItem
      responses:
        '201':
          description: Added
`;

// POST /items dropped, DELETE /items/{id} added.
const secondPaths = `  /items:
    get:
      operationId: listItems
      responses:
        '200':
          description: The items
  /items/{id}:
    delete:
      operationId: deleteItem
      parameters:
        - name: id
          in: path
          required: true
          schema: { type: string }
      responses:
        '204':
          description: Deleted
`;

const catalogScopes = 'service_catalog:service_view service_catalog:service_write';

/** Calls /graphql with the browser's session cookie and the session's CSRF token. */
async function graphql<T>(request: APIRequestContext, query: string, variables: Record<string, unknown>): Promise<T> {
  const session = await request.get('/auth/session');
  expect(session.status(), 'GET /auth/session').toBe(200);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const res = await request.post('/graphql', { headers: { 'X-CSRF-Token': csrfToken }, data: { query, variables } });
  const text = await res.text();
  expect(res.status(), `POST /graphql: ${text}`).toBe(200);
  const body = JSON.parse(text) as { data?: T; errors?: unknown[] };
  expect(body.errors, `POST /graphql: ${text}`).toBeUndefined();
  return body.data as T;
}

/** A token for the catalog REST API: a new application of the signed-in publisher, its keys, client credentials. */
async function catalogToken(request: APIRequestContext, baseURL: string, appName: string): Promise<string> {
  const { createApplication } = await graphql<{ createApplication: { id: string } }>(
    request,
    'mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { id } }',
    { input: { name: appName } },
  );
  const { generateKeys } = await graphql<{ generateKeys: { clientSecret: string; key: { clientID: string } } }>(
    request,
    'mutation ($input: GenerateKeysInput!) { generateKeys(input: $input) { clientSecret key { clientID } } }',
    { input: { applicationID: createApplication.id, keyType: 'PRODUCTION' } },
  );
  const basic = Buffer.from(`${encodeURIComponent(generateKeys.key.clientID)}:${encodeURIComponent(generateKeys.clientSecret)}`).toString('base64');
  const res = await fetch(`${baseURL}/oauth2/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: catalogScopes }),
  });
  const text = await res.text();
  expect(res.status, `POST /oauth2/token: ${text}`).toBe(200);
  const token = JSON.parse(text) as { access_token: string; scope?: string };
  expect(token.scope?.split(' ') ?? [], `granted scopes: ${text}`).toEqual(expect.arrayContaining(catalogScopes.split(' ')));
  return token.access_token;
}

test('a publisher registers a service, builds an API from it, and updates the API when the service changes', async ({
  page,
  baseURL,
  signInAs,
}) => {
  const suffix = Date.now().toString(36);
  const name = `items-${suffix}`;
  const displayName = `Items ${suffix}`;
  const context = `items-catalog-${suffix}`;
  const serviceURL = 'http://127.0.0.1:9/items';
  const first = itemsDefinition(displayName, firstPaths);

  await signInAs('publisher');
  await new AppShell(page).open('Service Catalog');
  const catalog = new CatalogPage(page);
  await expect(catalog.heading).toBeVisible();
  await catalog.registerButton.click();

  // Register through the form, the definition chosen as a file.
  const form = new CatalogServiceFormPage(page);
  await expect(page).toHaveURL(/\/catalog\/services\/new$/);
  await form.fill({ name, version: '1.0.0', displayName, description: 'Keeps items (e2e).', serviceURL, definition: { fileName: 'items.yaml', text: first } });
  await expect(form.definition).toHaveValue(first);
  await form.registerButton.click();

  const service = new CatalogServicePage(page);
  await expect(page).toHaveURL(/\/catalog\/services\/[^/]+$/);
  await expect(service.heading).toHaveText(displayName);
  await expect(service.serviceURL).toHaveText(serviceURL);
  await expect(service.definitionType).toHaveText('OpenAPI 3');
  await expect(service.definition).toContainText('operationId: addItem');
  // The definition is also read for the reader: its operations in a table.
  const outline = page.getByRole('table', { name: 'Operations' });
  await expect(outline.getByRole('row')).toHaveCount(3);
  await expect(outline).toContainText('/items');
  await expect(service.definitionHash).not.toBeEmpty();
  await expect(page.getByText('No API uses this service yet.')).toBeVisible();
  const serviceId = service.id();

  // The list finds it by a part of its name, case aside.
  await catalog.goto();
  await catalog.search.fill(name.toUpperCase());
  await expect(catalog.table.getByRole('row')).toHaveCount(2); // header + the service
  await expect(catalog.row(displayName)).toContainText('0');
  // The search re-renders the list when its answer arrives, which can swallow
  // a click on the row: click until the service page opens.
  await expect(async () => {
    await catalog.row(displayName).getByRole('link', { name: displayName, exact: true }).click({ timeout: 2000 });
    await expect(page).toHaveURL(new RegExp(`/catalog/services/${serviceId}$`), { timeout: 2000 });
  }).toPass({ timeout: 15000 });

  // Build an API from it: the publisher's API page opens with the service's two operations.
  await expect(service.heading).toHaveText(displayName);
  await service.createApi({ context });
  const api = new ApiDetailPage(page);
  await expect(page).toHaveURL(/\/publisher\/apis\/[^/]+$/);
  await expect(api.heading).toHaveText(displayName);
  await expect(api.context).toHaveText(`/${context}`);
  await expect(api.resources.getByRole('row')).toHaveCount(3); // header + 2
  await expect(api.resource('GET', '/items')).toBeVisible();
  await expect(api.resource('POST', '/items')).toBeVisible();

  // A CI tool replaces the definition through the REST API.
  const token = await catalogToken(page.request, baseURL!, `catalog-ci-${suffix}`);
  const body = new FormData();
  body.set('serviceMetadata', JSON.stringify({ name, version: '1.0.0', displayName, serviceUrl: serviceURL }));
  body.set('definitionFile', new Blob([itemsDefinition(displayName, secondPaths)], { type: 'application/yaml' }), 'items.yaml');
  const put = await fetch(`${baseURL}/api/service-catalog/v1/services/${serviceId}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}` },
    body,
  });
  const putText = await put.text();
  expect(put.status, `PUT /api/service-catalog/v1/services/${serviceId}: ${putText}`).toBe(200);

  // The service page now shows the API out of date, with what changed.
  await service.goto(serviceId);
  await expect(service.definition).toContainText('operationId: deleteItem');
  await expect(service.apiStatus(displayName)).toHaveText('Out of date');
  await expect(service.drift(displayName, 'Added')).toHaveText('DELETE /items/{id}');
  await expect(service.drift(displayName, 'Removed')).toHaveText('POST /items');

  // The list flags it too.
  await catalog.goto();
  await catalog.search.fill(name);
  await expect(catalog.row(displayName).locator('.badge')).toHaveText('Out of date');

  await service.goto(serviceId);
  await service.updateApiButton(displayName).click();
  await expect(service.apiStatus(displayName)).toHaveText('Up to date');
  await expect(service.updateApiButton(displayName)).toHaveCount(0);
  await expect(service.notice).toContainText('now matches the service');

  // The API's resources follow the service.
  await service.api(displayName).getByRole('link', { name: displayName, exact: true }).click();
  await expect(api.resources.getByRole('row')).toHaveCount(3);
  await expect(api.resource('DELETE', '/items/{id}')).toBeVisible();
  await expect(api.resource('POST', '/items')).toHaveCount(0);

  // A service an API uses cannot be deleted; the page says why.
  await service.goto(serviceId);
  await service.delete();
  await expect(service.error).toContainText('is used by the APIs');
  await expect(service.error).toContainText(displayName);
  await expect(page).toHaveURL(new RegExp(`/catalog/services/${serviceId}$`));
});

test('the register form shows the server error on a definition that is not one', async ({ page, signInAs }) => {
  const suffix = Date.now().toString(36);
  await signInAs('publisher');
  const form = new CatalogServiceFormPage(page);
  await form.goto();
  await form.register({
    name: `broken-${suffix}`,
    version: '1.0.0',
    serviceURL: 'http://127.0.0.1:9/broken',
    definition: { fileName: 'notes.txt', text: 'just some notes, not an API definition\n' },
  });
  await expect(form.fieldError('definition')).toBeVisible();
  await expect(form.definition).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/catalog\/services\/new$/);
});
