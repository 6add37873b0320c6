import { expect, test } from '../fixtures';
import { AppShell } from '../pages/AppShell';
import { DevportalApiPage } from '../pages/DevportalApiPage';
import { DevportalApplicationPage } from '../pages/DevportalApplicationPage';
import { DevportalApplicationsPage } from '../pages/DevportalApplicationsPage';
import { DevportalConsolePage } from '../pages/DevportalConsolePage';
import { DevportalPage } from '../pages/DevportalPage';
import { SignInPage } from '../pages/SignInPage';
import { SignUpPage } from '../pages/SignUpPage';
import { callGateway } from '../support/gateway';

// A stranger's whole journey: sign up, find PizzaShack, create an application, subscribe with
// a tier, generate production keys and a token, call the API through the gateway, rate it and
// comment; then revoke the token and see the gateway answer 401. An API key calls it too. In the
// portal's Try it console, a test token of the application calls GET /menu from the browser
// through the gateway (CORS), and once revoked the console gets 401.
test('a new subscriber signs up and goes from nothing to a working, then revoked, token', async ({ page, gatehouse }) => {
  const suffix = Date.now().toString(36);
  const username = `newbie-${suffix}`;
  const appName = `Signup App ${suffix}`;
  const menuUrl = `${gatehouse.gatewayURL}/pizzashack/1.0.0/menu`;

  // Sign up: the policy refuses a common password next to the field, then the account is made.
  await new SignInPage(page).goto();
  await page.getByRole('link', { name: 'Create an account' }).click();
  const signUp = new SignUpPage(page);
  // The link carries the pending sign-in as ?next= so sign-up comes back to it.
  await expect(page).toHaveURL(/\/signup(\?next=|$)/);
  await signUp.signUp(username, `${username}@example.com`, 'password1234');
  await expect(signUp.fieldError('password')).toContainText('common');
  await signUp.signUp(username, `${username}@example.com`, 'violet-kettle-drums');
  await expect(page.getByTestId('signed-in-user')).toHaveText(username);

  // Find PizzaShack by search.
  await new AppShell(page).open('Developer Portal');
  const portal = new DevportalPage(page);
  await portal.find('pizza');
  await expect(portal.card('PizzaShackAPI')).toBeVisible();
  await expect(portal.card('PizzaShackAPI')).toContainText(/Rated|\(\d+\)/);
  await portal.open('PizzaShackAPI');
  const api = new DevportalApiPage(page);
  await expect(api.heading).toHaveText('PizzaShackAPI');
  const apiPath = new URL(page.url()).pathname;

  // Rate it and ask a question.
  const feedback = page.getByRole('region', { name: 'Ratings and comments' });
  await feedback.getByRole('button', { name: '4 stars' }).click();
  await expect(feedback.getByRole('button', { name: '4 stars', pressed: true })).toBeVisible();
  await feedback.getByRole('textbox', { name: 'Add a comment' }).fill(`Hello from ${username}`);
  await feedback.getByRole('button', { name: 'Post comment' }).click();
  await expect(feedback.getByRole('list', { name: 'Comments' })).toContainText(`Hello from ${username}`);

  // An application, subscribed with Gold.
  await portal.applicationsTab.click();
  const applications = new DevportalApplicationsPage(page);
  await applications.create({ name: appName, throttlingTier: 'Unlimited' });
  const application = new DevportalApplicationPage(page);
  await expect(application.heading).toHaveText(appName);
  const appPath = new URL(page.url()).pathname;
  await page.goto(apiPath);
  await api.subscribe(appName, 'Gold');
  await expect(api.notice).toContainText(`Subscribed ${appName} with tier Gold.`);

  // Production keys and a token.
  await page.goto(appPath);
  const keys = application.production;
  await keys.generateButton.click();
  await expect(keys.consumerSecret).toBeVisible();
  const secret = await keys.consumerSecret.inputValue();
  const clientID = (await keys.consumerKey.textContent())?.trim() ?? '';
  expect(clientID).not.toBe('');
  await keys.generateTokenButton.click();
  await expect(keys.accessToken).not.toHaveValue('');
  const token = await keys.accessToken.inputValue();

  const ok = await callGateway(menuUrl, { timeoutMs: 10_000, headers: { Authorization: `Bearer ${token}` }, stopOn: [401] });
  expect(ok.status, `GET ${menuUrl} with the token answered ${ok.status}: ${ok.body}`).toBe(200);

  // An API key works through the apikey header.
  const apiKeys = page.getByRole('region', { name: 'API keys' });
  await apiKeys.getByRole('button', { name: 'Generate API key' }).click();
  const apiKey = (await apiKeys.getByLabel('New API key').textContent())?.trim() ?? '';
  expect(apiKey).not.toBe('');
  const withKey = await callGateway(menuUrl, { timeoutMs: 10_000, headers: { apikey: apiKey }, stopOn: [401] });
  expect(withKey.status, `GET ${menuUrl} with the API key answered ${withKey.status}: ${withKey.body}`).toBe(200);

  // Revoke the token at the Key Manager: the gateway refuses it.
  const discovery = (await (await fetch(`${gatehouse.baseURL}/.well-known/openid-configuration`)).json()) as { revocation_endpoint: string };
  const revoke = async (t: string) => {
    const revoked = await fetch(discovery.revocation_endpoint, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientID)}:${encodeURIComponent(secret)}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ token: t, token_type_hint: 'access_token' }).toString(),
    });
    expect(revoked.status, `revocation answered ${revoked.status}`).toBe(200);
  };
  await revoke(token);
  const refused = await callGateway(menuUrl, { timeoutMs: 10_000, want: 401, headers: { Authorization: `Bearer ${token}` } });
  expect(refused.status, `GET ${menuUrl} with the revoked token answered ${refused.status}: ${refused.body}`).toBe(401);

  // The Try it console: a test token of the application calls GET /menu from the browser.
  await page.goto(apiPath);
  await page.getByRole('link', { name: 'Definition and Try it console' }).click();
  const consolePage = new DevportalConsolePage(page);
  await expect(consolePage.corsHint).toHaveCount(0);
  await consolePage.application.selectOption({ label: appName });
  await consolePage.keyType.selectOption('PRODUCTION');
  await consolePage.generateToken.click();
  await expect(consolePage.token).not.toHaveValue('');
  const consoleToken = await consolePage.token.inputValue();
  const menu = await consolePage.execute('GET', '/menu');
  await expect(consolePage.status(menu)).toHaveText('200');
  await expect(consolePage.responseBody(menu)).toContainText(/pizza|Pizza|name/);

  // Revoked, the same token gets 401 in the console (once the gateway has heard of it).
  await revoke(consoleToken);
  await expect(async () => {
    await consolePage.execute('GET', '/menu');
    await expect(consolePage.status(menu)).toHaveText('401', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
});
