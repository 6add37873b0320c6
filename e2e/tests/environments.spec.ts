import { expect, test } from '../fixtures';
import { ApiTabs } from '../pages/ApiDesignPages';
import { PublisherPage } from '../pages/PublisherPage';

// An admin creates a gateway environment; a publisher deploys the demo API's revision to it
// and to Default at once, sees both deployments and undeploys from the new one.
test('an admin creates an environment and a publisher deploys to it and Default at once', async ({ page, signInAs }) => {
  const name = `e2e-${Date.now().toString(36)}`;
  await signInAs('admin');
  await page.goto('/admin');
  await page.getByRole('button', { name: 'New environment' }).click();
  const form = page.getByRole('form', { name: 'New environment' });
  await form.getByLabel('Name', { exact: true }).fill('Bad Name');
  await form.getByRole('button', { name: 'Create environment' }).click();
  await expect(form.getByLabel('Name', { exact: true })).toHaveAccessibleDescription(/lower-case letters/);
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Display name').fill(`Staging ${name}`);
  await form.getByLabel('HTTPS gateway URL').fill('https://staging.example.com');
  await form.getByRole('button', { name: 'Create environment' }).click();
  await expect(page.getByRole('status')).toContainText(`Created environment ${name}.`);
  await expect(page.getByRole('table', { name: 'Environments' }).getByRole('row').filter({ hasText: name })).toBeVisible();

  await page.context().clearCookies();
  await signInAs('publisher');
  const publisher = new PublisherPage(page);
  await publisher.goto();
  await publisher.open('PizzaShackAPI');
  await new ApiTabs(page).tab('Revisions').click();
  const deploy = page.getByRole('form', { name: 'Deploy to environments' });
  await deploy.getByLabel(`Staging ${name}`).check();
  await deploy.getByLabel('Default', { exact: true }).check();
  await deploy.getByRole('button', { name: 'Deploy to selected environments' }).click();
  await expect(page.getByRole('status')).toContainText(`Deployed revision`);
  const deployments = page.getByRole('table', { name: 'Deployments' });
  await expect(deployments.getByRole('row').filter({ hasText: `Staging ${name}` })).toBeVisible();
  await expect(deployments.getByRole('row').filter({ hasText: 'Default' })).toBeVisible();

  await deployments.getByRole('button', { name: `Undeploy from Staging ${name}` }).click();
  await expect(page.getByRole('status')).toContainText(`Undeployed from Staging ${name}.`);
  await expect(deployments.getByRole('row').filter({ hasText: `Staging ${name}` })).toHaveCount(0);
  await expect(deployments.getByRole('row').filter({ hasText: 'Default' })).toBeVisible();
});
