import { expect, test } from '../fixtures';
import { ImportApiPage } from '../pages/ImportApiPage';

test.beforeEach(async ({ signInAs }) => {
  await signInAs('publisher');
});

test('a publisher limits a GraphQL API and requires a scope on one of its fields', async ({ page }) => {
  const suffix = Date.now().toString(36);
  const wizard = new ImportApiPage(page);
  await wizard.goto();
  await page.getByRole('radio', { name: 'GraphQL SDL' }).check();
  await wizard.validate('type Query {\n  shop: Shop\n  secret: String\n}\ntype Shop {\n  name: String\n  orders: [String!]!\n}\n');
  await expect(wizard.verdict).toBeVisible();
  await wizard.name.fill(`Limited GraphQL ${suffix}`);
  await wizard.context.fill(`limited-gql-${suffix}`);
  await wizard.version.fill('v1');
  await wizard.endpoint.fill('http://127.0.0.1:9/graphql');
  await wizard.importButton.click();
  await expect(page.getByRole('region', { name: 'Definition', exact: true })).toContainText('GraphQL');

  await page.getByRole('navigation', { name: 'API pages' }).getByRole('link', { name: 'Basic info', exact: true }).click();
  const form = page.getByRole('form', { name: 'Traffic controls' });
  await expect(form.getByRole('cell', { name: 'Shop.orders', exact: true })).toBeVisible();
  await form.getByLabel('Maximum query depth', { exact: true }).fill('4');
  await form.getByLabel('Scope for Query.secret', { exact: true }).fill('secret:read');
  await form.getByRole('button', { name: 'Save traffic controls' }).click();
  await expect(page.getByText('Traffic controls saved.')).toBeVisible();

  // What the server stored is shown after a reload.
  await page.reload();
  await expect(form.getByLabel('Maximum query depth', { exact: true })).toHaveValue('4');
  await expect(form.getByLabel('Scope for Query.secret', { exact: true })).toHaveValue('secret:read');

  // A negative depth is refused in the form, before anything is sent.
  await form.getByLabel('Maximum query depth', { exact: true }).fill('-1');
  await form.getByRole('button', { name: 'Save traffic controls' }).click();
  await expect(form.getByText('Enter a whole number, 0 or more.')).toBeVisible();
});
