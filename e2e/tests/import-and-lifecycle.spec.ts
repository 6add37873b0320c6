import { expect, test } from '../fixtures';
import { ApiDetailPage } from '../pages/ApiDetailPage';
import { ImportApiPage } from '../pages/ImportApiPage';
import { PublisherPage } from '../pages/PublisherPage';
import { startEchoBackend, type EchoBackend } from '../support/echo-backend';
import { callGateway } from '../support/gateway';

// Import from a definition and the lifecycle, end to end: a broken OpenAPI document is
// refused with its problems located; a valid one becomes an API with its resources, which
// is deployed, published (the gateway then demands a token) and deprecated.
let backend: EchoBackend;
test.beforeAll(async () => {
  backend = await startEchoBackend();
});
test.afterAll(async () => {
  await backend?.close();
});

/** A small OpenAPI 3.1 petstore: three operations, one needing an OAuth2 scope. */
function petstore(title: string, server: string, responseSchema = '{ type: object }'): string {
  return `openapi: 3.1.0
info:
  title: ${title}
  version: 1.0.0
servers:
  - url: ${server}
components:
  securitySchemes:
    petstore_auth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/oauth2/token
          scopes:
            pets:write: add pets
paths:
  /pets:
    get:
      operationId: listPets
      summary: List the pets
      responses:
        '200':
          description: The pets
          content:
            application/json:
              schema: ${responseSchema}
    post:
      operationId: addPet
      security:
        - petstore_auth: [pets:write]
      responses:
        '201':
          description: Added
  /pets/{petId}:
    get:
      operationId: showPet
      parameters:
        - name: petId
          in: path
          required: true
          schema: { type: string }
      responses:
        '200':
          description: The pet
`;
}

test('a publisher imports an OpenAPI definition, then publishes and deprecates the API', async ({ page, gatehouse, signInAs }) => {
  const suffix = Date.now().toString(36);
  const title = `Petstore ${suffix}`;
  const context = `petstore-import-${suffix}`;

  await signInAs('publisher');
  const publisher = new PublisherPage(page);
  await expect(publisher.heading).toBeVisible();
  await publisher.importButton.click();

  const wizard = new ImportApiPage(page);
  await expect(wizard.heading).toBeVisible();
  await expect(page).toHaveURL(/\/publisher\/apis\/import$/);

  // A broken document: a $ref to a schema that does not exist.
  const broken = petstore(`Broken ${suffix}`, backend.url, "{ $ref: '#/components/schemas/Missing' }");
  const refLine = broken.split('\n').findIndex((l) => l.includes('$ref')) + 1;
  await wizard.validate(broken);
  await expect(wizard.verdict).toContainText('not valid');
  const firstError = wizard.problemsOf('error').first();
  await expect(firstError).toBeVisible();
  await expect(firstError.locator('.problem-location')).toHaveText(new RegExp(`^line ${refLine}(:\\d+)?$`));
  await expect(firstError).toContainText(/Missing|ref/i);
  await expect(wizard.importButton).toBeDisabled();

  // The same document, fixed.
  await wizard.validate(petstore(title, backend.url));
  await expect(wizard.verdict).toHaveText('The definition is valid.');
  await expect(wizard.kind).toContainText('OpenAPI 3.1');
  await expect(wizard.title).toHaveText(title);
  await expect(wizard.operationCount).toHaveText('3');
  await expect(wizard.operations.getByRole('row')).toHaveCount(4); // header + 3
  await expect(wizard.operations).toContainText('pets:write');
  await expect(wizard.problems).toHaveCount(0);
  await expect(wizard.name).toHaveValue(title);
  await expect(wizard.version).toHaveValue('1.0.0');
  await expect(wizard.endpoint).toHaveValue(backend.url);
  await wizard.context.fill(context);
  await expect(wizard.importButton).toBeEnabled();
  await wizard.importButton.click();

  const detail = new ApiDetailPage(page);
  await expect(page).toHaveURL(/\/publisher\/apis\/[^/]+$/);
  await expect(detail.heading).toHaveText(title);
  await expect(detail.context).toHaveText(`/${context}`);
  await expect(detail.endpoint).toHaveText(backend.url);
  await expect(detail.resources.getByRole('row')).toHaveCount(4); // header + 3
  await expect(detail.resource('GET', '/pets')).toContainText('Yes');
  await expect(detail.resource('POST', '/pets')).toContainText('pets:write');
  await expect(detail.lifecycleStatus).toHaveText(/^created$/i);

  await detail.deploy();
  await expect(detail.notice).toContainText('Deployed revision 1 to');

  await detail.changeLifecycle('Publish', 'e2e import');
  await expect(detail.lifecycleError).toHaveCount(0);
  await expect(detail.lifecycleStatus).toHaveText(/^published$/i);
  await expect(detail.lifecycle).toHaveText(/^published$/i);
  const published = detail.lifecycleHistory.getByRole('row').filter({ hasText: 'CREATED → PUBLISHED' });
  await expect(published).toHaveCount(1);
  await expect(published).toContainText('publisher');
  await expect(published).toContainText('e2e import');
  await expect(detail.lifecycleAction('Publish')).toHaveCount(0);

  // Imported resources require authentication: without a token the gateway refuses.
  const url = `${gatehouse.gatewayURL}/${context}/1.0.0/pets`;
  const reply = await callGateway(url, { want: 401, timeoutMs: 15_000 });
  expect(reply.status, `GET ${url} answered ${reply.status}: ${reply.body}`).toBe(401);
  expect(reply.body).not.toContain(backend.token);

  await detail.changeLifecycle('Deprecate');
  await expect(detail.lifecycleStatus).toHaveText(/^deprecated$/i);
  await expect(detail.lifecycleHistory.getByRole('row').filter({ hasText: 'PUBLISHED → DEPRECATED' })).toHaveCount(1);
  await expect(detail.lifecycleAction('Retire')).toBeVisible();
});
