import { expect, test } from '../fixtures';
import { PoliciesPage } from '../pages/PoliciesPage';

// The admin's Traffic Manager page: a subscription tier with burst control and allow-and-bill is
// created, edited and deleted; a tier in use cannot be deleted; an API policy takes a condition
// group; a deny policy on an IP range is added and removed.
test('an admin manages throttling tiers and deny policies', async ({ page, signInAs }) => {
  const suffix = Date.now().toString(36);
  const tierName = `E2E ${suffix}`;
  await signInAs('admin');
  const policies = new PoliciesPage(page);
  await policies.goto();
  await expect(policies.tierRow('Subscription tiers', 'Gold')).toBeVisible();

  await page.getByRole('button', { name: 'New subscription tier' }).click();
  const form = policies.form();
  await form.getByLabel('Name', { exact: true }).fill(tierName);
  await form.getByLabel('Requests per unit').fill('120');
  await form.getByLabel('Burst limit (requests per second)').fill('5');
  await form.getByLabel('When the quota is spent').selectOption({ label: 'Allow and bill' });
  await form.getByRole('button', { name: 'Create tier' }).click();
  await expect(policies.notice).toContainText(`Saved tier ${tierName}`);
  const row = policies.tierRow('Subscription tiers', tierName);
  await expect(row).toContainText('120 / 60 s');
  await expect(row).toContainText('5/s');
  await expect(row).toContainText('Allow and bill');

  await row.getByRole('button', { name: `Edit ${tierName}` }).click();
  await policies.form().getByLabel('Time unit').selectOption({ label: 'Calendar day' });
  await policies.form().getByRole('button', { name: 'Save tier' }).click();
  await expect(row).toContainText('120 / day');

  // Bad input is shown next to its field.
  await page.getByRole('button', { name: 'New API policy' }).click();
  await policies.form().getByLabel('Name', { exact: true }).fill(`Res ${suffix}`);
  await policies.form().getByRole('button', { name: 'Add condition group' }).click();
  await policies.form().getByLabel('Group 1 condition 1 value').fill('10.0.0.300/8');
  await policies.form().getByRole('button', { name: 'Create tier' }).click();
  await expect(page.getByTestId('field-error-conditionGroups')).toContainText('not an IP range');
  await policies.form().getByLabel('Group 1 condition 1 value').fill('10.0.0.0/8');
  await policies.form().getByRole('button', { name: 'Create tier' }).click();
  await expect(policies.tierRow('API and resource policies', `Res ${suffix}`)).toContainText('1 condition group');

  // Gold holds the demo subscription.
  await policies.tierRow('Subscription tiers', 'Gold').getByRole('button', { name: 'Delete Gold' }).click();
  await page.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'in use and cannot be deleted' })).toBeVisible();

  await row.getByRole('button', { name: `Delete ${tierName}` }).click();
  await page.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(policies.notice).toContainText(`Deleted tier ${tierName}`);
  await expect(row).toHaveCount(0);

  await policies.addDenyPolicy('IP range', '203.0.113.9/24');
  const deny = policies.denyPolicies.getByRole('row').filter({ hasText: '203.0.113.0/24' });
  await expect(deny).toBeVisible();
  await deny.getByRole('button', { name: 'Delete deny policy 203.0.113.0/24' }).click();
  await expect(deny).toHaveCount(0);
});
