import { expect, test } from '../fixtures';
import { ApprovalsPage } from '../pages/ApprovalsPage';
import { DevportalApiPage } from '../pages/DevportalApiPage';
import { DevportalApplicationPage } from '../pages/DevportalApplicationPage';
import { DevportalApplicationsPage } from '../pages/DevportalApplicationsPage';
import { DevportalPage } from '../pages/DevportalPage';
import { PublisherPage } from '../pages/PublisherPage';
import type { Role } from '../support/server-state';

// The subscription workflow across three people: the admin makes Bronze require approval, a
// subscriber's Bronze subscription waits, the admin approves it, and the publisher blocks it.
test('a subscription with a tier that requires approval waits for the admin, then the publisher blocks it', async ({ page, signInAs }) => {
  const appName = `Approval App ${Date.now().toString(36)}`;
  const as = async (role: Role) => {
    await page.context().clearCookies();
    await signInAs(role);
  };
  const approvals = new ApprovalsPage(page);

  await as('admin');
  await approvals.goto();
  await approvals.tierRequiresApproval('Bronze').click();
  await expect(approvals.tierRequiresApproval('Bronze')).toBeChecked();

  try {
    await as('subscriber');
    await page.goto('/devportal/applications');
    const applications = new DevportalApplicationsPage(page);
    await applications.create({ name: appName, throttlingTier: 'Unlimited' });
    const application = new DevportalApplicationPage(page);
    await expect(application.heading).toHaveText(appName);
    const appPath = new URL(page.url()).pathname;
    await page.goto('/devportal');
    const portal = new DevportalPage(page);
    await portal.open('PizzaShackAPI');
    const api = new DevportalApiPage(page);
    await api.subscribe(appName, 'Bronze (requires approval)');
    await expect(api.notice).toContainText('requires approval');
    await page.goto(appPath);
    await expect(application.subscriptionRow('PizzaShackAPI')).toContainText('Waiting for approval');

    await as('admin');
    await approvals.goto();
    await expect(approvals.pendingRow(appName)).toContainText('subscriber');
    await approvals.pendingRow(appName).getByRole('button', { name: /^Approve/ }).click();
    await expect(approvals.notice).toContainText(`Approved ${appName}`);
    await expect(approvals.pendingRow(appName)).toHaveCount(0);

    await as('publisher');
    const publisher = new PublisherPage(page);
    await publisher.goto();
    await publisher.open('PizzaShackAPI');
    await page.getByRole('navigation', { name: 'Publisher' }).getByRole('link', { name: 'Subscriptions', exact: true }).click();
    const subs = page.getByRole('table', { name: 'Subscriptions' });
    const row = subs.getByRole('row').filter({ hasText: appName });
    await expect(row).toContainText('Active');
    await row.getByRole('button', { name: `Block production ${appName}` }).click();
    await expect(row).toContainText('Production blocked');
    await row.getByRole('button', { name: `Unblock ${appName}` }).click();
    await expect(row).toContainText('Active');
  } finally {
    await as('admin');
    await approvals.goto();
    await approvals.tierRequiresApproval('Bronze').click();
    await expect(approvals.tierRequiresApproval('Bronze')).not.toBeChecked();
  }
});
