import { expect, test } from '../fixtures';
import { AppShell } from '../pages/AppShell';
import { DevportalApplicationPage } from '../pages/DevportalApplicationPage';
import { DevportalApplicationsPage } from '../pages/DevportalApplicationsPage';
import { KeyManagerPages } from '../pages/KeyManagerPages';

// A web application signs its users in through the Key Manager: the developer registers a key
// with the authorization code grant and a callback URL in the portal; a signed-out user meets
// the login page, then the consent page, and lands on the callback with a code; RP-initiated
// logout asks before signing out and returns to the registered URI.
test('a user signs in to a registered web application through the Key Manager login and consent pages', async ({ page, gatehouse, signInAs }) => {
  const appName = `OIDC App ${Date.now().toString(36)}`;
  const callback = 'http://localhost:5599/callback';
  // The web application itself: the callback answers with a plain page.
  await page.route('http://localhost:5599/**', (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'callback reached' }));

  await signInAs('subscriber');
  await new AppShell(page).open('Developer Portal');
  const applications = new DevportalApplicationsPage(page);
  await applications.goto();
  await applications.create({ name: appName, throttlingTier: 'Unlimited' });
  const application = new DevportalApplicationPage(page);
  await expect(application.heading).toHaveText(appName);

  const keys = application.production;
  await keys.grantType('authorization_code').check();
  await keys.grantType('refresh_token').check();
  // Plain http is refused off loopback.
  await keys.callbackURL.fill('http://example.com/callback');
  await keys.generateButton.click();
  await expect(keys.fieldError('callbackURL')).toContainText('https');
  await keys.callbackURL.fill(callback);
  await keys.generateButton.click();
  await expect(keys.consumerSecret).toBeVisible();
  const clientID = (await keys.consumerKey.textContent())?.trim() ?? '';
  expect(clientID).not.toBe('');

  // Sign out of the portal: the authorization request then asks for the password.
  await new AppShell(page).signOut();
  const authorize = new URL('/oauth2/authorize', gatehouse.baseURL);
  authorize.search = new URLSearchParams({
    client_id: clientID,
    response_type: 'code',
    redirect_uri: callback,
    scope: 'openid profile',
    state: 'e2e-state-1',
    nonce: 'e2e-nonce-1',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  }).toString();
  await page.goto(authorize.toString());
  const km = new KeyManagerPages(page);
  await expect(km.heading).toHaveText('Sign in');
  await expect(page.getByText(appName)).toBeVisible();
  await km.signIn('subscriber', 'not the password');
  await expect(km.alert).toContainText('invalid username or password');
  await km.signIn('subscriber', gatehouse.credentials.users.subscriber.password);

  await expect(km.heading).toHaveText('Allow access?');
  await expect(page.getByText('profile', { exact: true })).toBeVisible();
  await km.allowButton.click();
  await expect(page).toHaveURL(/^http:\/\/localhost:5599\/callback\?/);
  const landed = new URL(page.url());
  expect(landed.searchParams.get('state')).toBe('e2e-state-1');
  expect(landed.searchParams.get('code')).toBeTruthy();

  // RP-initiated logout: a confirmation, then back to the application.
  const logout = new URL('/oauth2/logout', gatehouse.baseURL);
  logout.search = new URLSearchParams({ client_id: clientID, post_logout_redirect_uri: callback, state: 'bye-bye' }).toString();
  await page.goto(logout.toString());
  await expect(km.heading).toHaveText('Sign out?');
  await km.signOutButton.click();
  await expect(page).toHaveURL(/^http:\/\/localhost:5599\/callback\?state=bye-bye/);

  // Signed out for good: the portal asks for a sign-in again.
  await page.goto('/devportal/applications', { waitUntil: 'commit' });
  await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
});
