import { expect, test } from '../fixtures';
import { AppShell } from '../pages/AppShell';
import { DevportalApiPage } from '../pages/DevportalApiPage';
import { DevportalApplicationPage } from '../pages/DevportalApplicationPage';
import { DevportalApplicationsPage } from '../pages/DevportalApplicationsPage';
import { DevportalPage } from '../pages/DevportalPage';
import { callGateway } from '../support/gateway';

// The consumer's journey: find the demo PizzaShack API, create an application, subscribe it,
// get keys and a token in the browser, call the gateway with that token, then unsubscribe.
test('a subscriber subscribes a new application to PizzaShack and calls it with a token from the portal', async ({ page, gatehouse, signInAs }) => {
  const appName = `E2E App ${Date.now().toString(36)}`;
  const menuUrl = `${gatehouse.gatewayURL}/pizzashack/1.0.0/menu`;

  await signInAs('subscriber');
  await new AppShell(page).open('Developer Portal');
  const portal = new DevportalPage(page);
  await expect(portal.heading).toBeVisible();

  // The search box filters the catalogue by name.
  await portal.find('no such api, surely');
  await expect(portal.cards).toHaveCount(0);
  await portal.find('pizzashack');
  await expect(portal.card('PizzaShackAPI')).toBeVisible();
  await portal.open('PizzaShackAPI');

  const api = new DevportalApiPage(page);
  await expect(page).toHaveURL(/\/devportal\/apis\/[^/]+$/);
  const apiPath = new URL(page.url()).pathname;
  await expect(api.heading).toHaveText('PizzaShackAPI');
  await expect(api.invocationUrls).toContainText(`${gatehouse.gatewayURL}/pizzashack/1.0.0`);
  await expect(api.resources.getByRole('row').filter({ hasText: '/menu' })).toContainText('GET');
  await expect(api.codeSample).toContainText(`curl -H "Authorization: Bearer $TOKEN" "${menuUrl}"`);
  await api.sampleTab('Python').click();
  await expect(api.codeSample).toContainText('import requests');
  await expect(api.codeSample).toContainText(menuUrl);

  // An application first, through Applications > Create.
  await portal.applicationsTab.click();
  const applications = new DevportalApplicationsPage(page);
  await expect(applications.heading).toBeVisible();
  await applications.create({ name: appName, description: 'Created by the e2e test', throttlingTier: 'Unlimited' });
  const application = new DevportalApplicationPage(page);
  await expect(application.heading).toHaveText(appName);
  const appPath = new URL(page.url()).pathname;

  // Back on the PizzaShack page: subscribe the new application with Gold.
  await page.goto(apiPath);
  await expect(api.heading).toHaveText('PizzaShackAPI');
  await api.subscribe(appName, 'Gold');
  await expect(api.notice).toContainText(`Subscribed ${appName} with tier Gold.`);
  await expect(api.banner).toHaveCount(0);
  // Subscribing twice is refused, next to the application.
  await api.subscribeButton.click();
  await expect(api.fieldError('applicationID')).toContainText('already subscribed');

  // The application's page (through the list): the subscription, production keys with the secret shown once.
  await portal.applicationsTab.click();
  await expect(applications.row(appName)).toContainText('Unlimited');
  await expect(applications.row(appName).getByRole('cell').last()).toHaveText('1');
  await applications.row(appName).getByRole('link', { name: appName, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${appPath}$`));
  await expect(application.subscriptionRow('PizzaShackAPI')).toContainText('Gold');
  await expect(application.subscriptionRow('PizzaShackAPI')).toContainText('Active');

  const keys = application.production;
  await expect(keys.grantType('client_credentials')).toBeChecked();
  await keys.generateButton.click();
  await expect(keys.consumerSecret).toBeVisible();
  await expect(keys.consumerSecret).not.toHaveValue('');
  await expect(keys.consumerKey).not.toBeEmpty();

  await keys.generateTokenButton.click();
  await expect(keys.accessToken).not.toHaveValue('');
  const token = await keys.accessToken.inputValue();
  await expect(keys.curlCommand).toHaveValue(`curl -H "Authorization: Bearer ${token}" ${menuUrl}`);

  // The secret is not shown again after a reload.
  await page.reload();
  await expect(keys.consumerKey).not.toBeEmpty();
  await expect(keys.consumerSecret).toHaveCount(0);

  // The gateway serves the subscribed application, and no one without a token.
  const ok = await callGateway(menuUrl, { timeoutMs: 10_000, headers: { Authorization: `Bearer ${token}` }, stopOn: [401] });
  expect(ok.status, `GET ${menuUrl} with the token answered ${ok.status}: ${ok.body}`).toBe(200);
  const menu: unknown = JSON.parse(ok.body);
  expect(Array.isArray(menu), `the menu is a JSON array: ${ok.body}`).toBe(true);

  const anonymous = await callGateway(menuUrl, { timeoutMs: 10_000, want: 401 });
  expect(anonymous.status, `GET ${menuUrl} without a token answered ${anonymous.status}: ${anonymous.body}`).toBe(401);

  // Unsubscribed, the same token is refused (the gateway learns it asynchronously).
  await application.unsubscribe('PizzaShackAPI');
  await expect(application.notice).toHaveText('Unsubscribed.');
  await expect(application.subscriptions).toHaveCount(0);
  const refused = await callGateway(menuUrl, { timeoutMs: 10_000, want: 403, headers: { Authorization: `Bearer ${token}` } });
  expect(refused.status, `GET ${menuUrl} after unsubscribing answered ${refused.status}: ${refused.body}`).toBe(403);
});
