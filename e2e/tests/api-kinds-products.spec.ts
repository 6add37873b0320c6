import { expect, test } from '../fixtures';
import { ApiDetailPage } from '../pages/ApiDetailPage';
import { ImportApiPage } from '../pages/ImportApiPage';

test.beforeEach(async ({ signInAs }) => {
  await signInAs('publisher');
});

test('a publisher imports GraphQL SDL and sees its definition with a download link', async ({ page }) => {
  const suffix = Date.now().toString(36);
  const wizard = new ImportApiPage(page);
  await wizard.goto();
  await page.getByRole('radio', { name: 'GraphQL SDL' }).check();
  await expect(page).toHaveURL(/kind=GRAPHQL/);
  await wizard.validate('type Query {\n  "Greets."\n  hello: String\n  menu: [String]\n}\n');
  await expect(wizard.verdict).toBeVisible();
  await wizard.name.fill(`Hello GraphQL ${suffix}`);
  await wizard.context.fill(`hello-gql-${suffix}`);
  await wizard.version.fill('v1');
  await wizard.endpoint.fill('http://127.0.0.1:9/graphql');
  await wizard.importButton.click();

  const panel = page.getByRole('region', { name: 'Definition', exact: true });
  await expect(panel).toContainText('GraphQL');
  await expect(panel.getByRole('cell', { name: 'hello', exact: true })).toBeVisible();
  await expect(panel.getByRole('link', { name: 'Download definition' })).toHaveAttribute('href', /\/api\/publisher\/v1\/apis\/.+\/definition$/);
  await panel.getByRole('button', { name: 'Show definition' }).click();
  await expect(panel.getByTestId('definition-text')).toContainText('type Query');

  // The SDL is edited as text: validated, saved, and the new field is declared.
  await panel.getByRole('button', { name: 'Edit definition' }).click();
  await panel.getByLabel('Definition text').fill('type Query {\n  hello: String\n  menu: [String]\n  specials: [String]\n}\n');
  await panel.getByRole('button', { name: 'Validate', exact: true }).click();
  await panel.getByRole('button', { name: 'Save definition' }).click();
  await expect(panel.getByRole('cell', { name: 'specials', exact: true })).toBeVisible();
});

test('a publisher bundles an operation of PizzaShack into an API product', async ({ page }) => {
  const suffix = Date.now().toString(36);
  await page.goto('/publisher');
  await page.getByRole('navigation', { name: 'Publisher' }).getByRole('link', { name: 'Products', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API products' })).toBeVisible();
  await page.getByRole('link', { name: 'Create product' }).click();
  await page.getByLabel('Name', { exact: true }).fill(`Bundle ${suffix}`);
  await page.getByLabel('Context', { exact: true }).fill(`bundle-${suffix}`);
  await page.getByRole('checkbox', { name: /GET \/menu/ }).first().check();
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Bundle ${suffix}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Definition', exact: true })).toContainText('API product');

  // Its operations stay editable: add PizzaShack's POST /order, and the resources follow.
  const bundled = page.getByRole('region', { name: 'Bundled operations', exact: true });
  await expect(bundled.getByRole('checkbox', { name: /GET \/menu/ }).first()).toBeChecked();
  await bundled.getByRole('checkbox', { name: /POST \/order \(PizzaShackAPI\)/ }).check();
  await bundled.getByRole('button', { name: 'Save operations', exact: true }).click();
  await expect(bundled.getByRole('status')).toContainText('bundles 2 operations');
  await expect(new ApiDetailPage(page).resource('POST', '/order')).toBeVisible();

  // The list shows it, as cards too.
  await page.goto('/publisher?view=cards');
  await expect(page.getByRole('list', { name: 'APIs' })).toContainText(`Bundle ${suffix}`);
});
