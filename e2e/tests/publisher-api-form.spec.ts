import { expect, test } from '../fixtures';
import { ApiDetailPage } from '../pages/ApiDetailPage';
import { CreateApiPage } from '../pages/CreateApiPage';
import { PublisherPage } from '../pages/PublisherPage';

test.beforeEach(async ({ signInAs }) => {
  await signInAs('publisher');
});

test('an invalid context shows an error next to Context and creates nothing', async ({ page }) => {
  const name = `Bad context ${Date.now().toString(36)}`;
  const form = new CreateApiPage(page);
  await form.goto();
  await form.create({ name, context: 'has space', version: '1.0.0', endpoint: 'http://127.0.0.1:9/' });

  const error = form.fieldError('context');
  await expect(error).toBeVisible();
  await expect(error).not.toBeEmpty();
  await expect(form.fieldGroup(form.context).getByTestId('field-error-context')).toBeVisible();
  await expect(form.context).toHaveAttribute('aria-invalid', 'true');
  await expect(form.name).toHaveAttribute('aria-invalid', 'false');
  await expect(page).toHaveURL(/\/publisher\/apis\/new$/);

  const publisher = new PublisherPage(page);
  await publisher.goto();
  await expect(publisher.heading).toBeVisible();
  await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
});

test('a publisher deletes an API after confirming', async ({ page }) => {
  const suffix = Date.now().toString(36);
  const name = `Doomed ${suffix}`;
  const form = new CreateApiPage(page);
  await form.goto();
  await form.create({ name, context: `doomed-${suffix}`, version: '1.0.0', endpoint: 'http://127.0.0.1:9/' });

  const detail = new ApiDetailPage(page);
  await expect(detail.heading).toHaveText(name);
  await detail.delete();

  const publisher = new PublisherPage(page);
  await expect(page).toHaveURL(/\/publisher$/);
  await expect(publisher.heading).toBeVisible();
  await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
});
