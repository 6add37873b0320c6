import { expect, test } from '../fixtures';
import { AppShell } from '../pages/AppShell';
import { DevportalApiPage } from '../pages/DevportalApiPage';
import { DevportalApplicationPage } from '../pages/DevportalApplicationPage';
import { DevportalApplicationsPage } from '../pages/DevportalApplicationsPage';
import { DevportalPage } from '../pages/DevportalPage';
import { callGateway } from '../support/gateway';

// An application's owner revokes all of its tokens from the application page: the two tokens
// it had stop working at the gateway, and a token asked for afterwards works.
test('the owner revokes every token of an application from its page', async ({ page, gatehouse, signInAs }) => {
  const appName = `Revoke App ${Date.now().toString(36)}`;
  const menuUrl = `${gatehouse.gatewayURL}/pizzashack/1.0.0/menu`;

  await signInAs('subscriber');
  await new AppShell(page).open('Developer Portal');
  const portal = new DevportalPage(page);
  await portal.find('pizzashack');
  await portal.open('PizzaShackAPI');
  const api = new DevportalApiPage(page);
  await expect(api.heading).toHaveText('PizzaShackAPI');
  const apiPath = new URL(page.url()).pathname;

  await portal.applicationsTab.click();
  const applications = new DevportalApplicationsPage(page);
  await applications.create({ name: appName, throttlingTier: 'Unlimited' });
  const application = new DevportalApplicationPage(page);
  await expect(application.heading).toHaveText(appName);
  const appPath = new URL(page.url()).pathname;
  await page.goto(apiPath);
  await api.subscribe(appName, 'Gold');
  await expect(api.notice).toContainText(`Subscribed ${appName} with tier Gold.`);

  await page.goto(appPath);
  const keys = application.production;
  await keys.generateButton.click();
  await expect(keys.consumerSecret).toBeVisible();
  const token = async (previous: string) => {
    await keys.generateTokenButton.click();
    await expect(keys.accessToken).not.toHaveValue(previous);
    return keys.accessToken.inputValue();
  };
  const first = await token('');
  const second = await token(first);
  for (const t of [first, second]) {
    const ok = await callGateway(menuUrl, { timeoutMs: 10_000, headers: { Authorization: `Bearer ${t}` }, stopOn: [401] });
    expect(ok.status, `GET ${menuUrl} answered ${ok.status}: ${ok.body}`).toBe(200);
  }

  const revoke = page.getByRole('region', { name: 'Revoke tokens', exact: true });
  await revoke.getByRole('button', { name: 'Revoke all tokens', exact: true }).click();
  await expect(revoke.getByRole('alertdialog')).toContainText('production and sandbox');
  await revoke.getByRole('button', { name: 'Confirm revoke', exact: true }).click();
  await expect(revoke.getByRole('status')).toContainText('Revoked the production and sandbox tokens issued up to');

  for (const t of [first, second]) {
    const refused = await callGateway(menuUrl, { timeoutMs: 10_000, want: 401, headers: { Authorization: `Bearer ${t}` } });
    expect(refused.status, `GET ${menuUrl} with a revoked token answered ${refused.status}: ${refused.body}`).toBe(401);
  }

  // A revocation covers its own second (iat has second resolution), so a token asked for in that
  // second is refused too: ask again until one comes from a later second.
  let previous = second;
  await expect(async () => {
    previous = await token(previous);
    const ok = await callGateway(menuUrl, { timeoutMs: 5_000, headers: { Authorization: `Bearer ${previous}` }, stopOn: [401] });
    expect(ok.status, `GET ${menuUrl} with a token issued after the revocation answered ${ok.status}: ${ok.body}`).toBe(200);
  }).toPass({ timeout: 15_000 });
});
