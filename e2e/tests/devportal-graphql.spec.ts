import { expect, test } from '../fixtures';
import { AppShell } from '../pages/AppShell';
import { DevportalApiPage } from '../pages/DevportalApiPage';
import { DevportalApplicationPage } from '../pages/DevportalApplicationPage';
import { DevportalApplicationsPage } from '../pages/DevportalApplicationsPage';
import { DevportalConsolePage } from '../pages/DevportalConsolePage';
import { DevportalPage } from '../pages/DevportalPage';

// The demo GraphQL API (PizzaMenuGraphQL, backed by the built-in sample GraphQL server): a
// subscriber subscribes an application, picks its token in the Try it console, and GraphiQL
// runs a query through the gateway and shows the answer.
test('the Try it console of a GraphQL API runs a query through the gateway with GraphiQL', async ({ page, signInAs }) => {
  const appName = `GraphQL App ${Date.now().toString(36)}`;

  await signInAs('subscriber');
  await new AppShell(page).open('Developer Portal');
  const portal = new DevportalPage(page);
  await portal.applicationsTab.click();
  const applications = new DevportalApplicationsPage(page);
  await applications.create({ name: appName, description: 'GraphQL console e2e', throttlingTier: 'Unlimited' });
  const application = new DevportalApplicationPage(page);
  await expect(application.heading).toHaveText(appName);
  await application.production.generateButton.click();
  await expect(application.production.consumerSecret).not.toHaveValue('');

  await new AppShell(page).open('Developer Portal');
  await portal.find('PizzaMenuGraphQL');
  await portal.open('PizzaMenuGraphQL');
  const api = new DevportalApiPage(page);
  await expect(api.heading).toHaveText('PizzaMenuGraphQL');
  await api.subscribe(appName, 'Gold');
  await expect(api.notice).toContainText(`Subscribed ${appName} with tier Gold.`);

  await page.getByRole('link', { name: 'Definition and Try it console' }).click();
  const consolePage = new DevportalConsolePage(page);
  await expect(consolePage.graphql).toBeVisible({ timeout: 20_000 });
  await expect(consolePage.corsHint).toHaveCount(0);
  await consolePage.application.selectOption({ label: appName });
  await consolePage.keyType.selectOption('PRODUCTION');
  await consolePage.generateToken.click();
  await expect(consolePage.token).not.toHaveValue('');

  await consolePage.setQuery('{ pizza(name: "Garden Fresh") { name price vegetarian } }');
  // The gateway learns of the new subscription asynchronously: run until it answers.
  await expect(async () => {
    await consolePage.runQuery.click();
    await expect(consolePage.graphqlResponse).toContainText('"vegetarian": true', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(consolePage.graphqlResponse).toContainText('"price": 9.99');
});
