import { expect, test } from '../fixtures';
import { ApiDetailPage } from '../pages/ApiDetailPage';
import { CreateApiPage } from '../pages/CreateApiPage';

// Hole 3: an API created from scratch gets default resources that require a token, and the
// publisher adds, edits and deletes resources on any API; an API left without resources
// is flagged, since the gateway serves nothing for it.
test.beforeEach(async ({ signInAs }) => {
  await signInAs('publisher');
});

test('a new API has secured default resources; the publisher adds and deletes resources', async ({ page }) => {
  const suffix = Date.now().toString(36);
  const name = `Resources ${suffix}`;
  const form = new CreateApiPage(page);
  await form.goto();
  await form.create({ name, context: `resources-${suffix}`, version: '1.0.0', endpoint: 'http://127.0.0.1:9/' });

  const detail = new ApiDetailPage(page);
  await expect(detail.heading).toHaveText(name);
  for (const method of ['GET', 'PUT', 'POST', 'DELETE', 'PATCH']) {
    await expect(detail.resource(method, '/*')).toContainText('Yes');
  }
  await expect(detail.resources.getByRole('row')).toHaveCount(6); // header + five

  // A bad path is refused next to the field; a good one is added.
  await detail.addResource('GET', '/a/../admin');
  await expect(detail.addResourceForm.getByTestId('field-error-target')).toContainText('. or ..');
  await detail.addResource('GET', '/orders/{orderId}');
  await expect(detail.resource('GET', '/orders/{orderId}')).toContainText('Yes');
  // The server refuses a method and path the API already routes.
  await detail.addResource('GET', '/orders/{id}');
  await expect(detail.addResourceForm.getByTestId('field-error-target')).toContainText('already has the resource GET /orders/{orderId}');

  await detail.deleteResource('PATCH', '/*');
  await expect(detail.resource('PATCH', '/*')).toHaveCount(0);
  await expect(detail.resources.getByRole('row')).toHaveCount(6); // header + four defaults + one added

  // Delete them all: the publisher is warned that the gateway serves nothing.
  for (const [method, path] of [['GET', '/*'], ['PUT', '/*'], ['POST', '/*'], ['DELETE', '/*'], ['GET', '/orders/{orderId}']]) {
    await detail.deleteResource(method, path);
    await expect(detail.resource(method, path)).toHaveCount(0);
  }
  await expect(page.getByRole('alert').filter({ hasText: 'This API has no resources: the gateway serves nothing for it. Add resources.' })).toBeVisible();

  // It stays after a reload, and adding a resource clears it.
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'This API has no resources' })).toBeVisible();
  await detail.addResource('POST', '/orders');
  await expect(detail.resource('POST', '/orders')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'This API has no resources' })).toHaveCount(0);
});
