import { expect, test } from '../fixtures';
import { AppShell } from '../pages/AppShell';
import { IdentityProvidersPage } from '../pages/IdentityProvidersPage';
import { SignInPage } from '../pages/SignInPage';
import { freePort } from '../support/net';
import { startExternalIdP, type ExternalIdP } from '../support/oidc-idp';

let idp: ExternalIdP | undefined;
test.afterAll(() => idp?.stop());

// The portal signs in with OpenID Connect (code + PKCE, run by the server) against the built-in
// Key Manager: its login page, then back to the page asked for. Signing out goes through the Key
// Manager's end-session endpoint, so the next sign-in asks for the password again. An external
// IdP's "Sign in with ..." button on that login page leads through the same flow.
test('sign in through the Key Manager login page, sign out, sign in with an external IdP', async ({ page, gatehouse }) => {
  const signIn = new SignInPage(page);
  const shell = new AppShell(page);

  await page.goto('/devportal/applications', { waitUntil: 'commit' });
  await signIn.waitForLoginPage();
  await expect(signIn.heading).toHaveText('Sign in');
  await expect(page.getByText('Gatehouse portal', { exact: true })).toBeVisible();
  await signIn.signIn('admin', gatehouse.credentials.users.admin.password);
  await expect(shell.signedInUser).toHaveText('admin');
  expect(new URL(page.url()).pathname).toBe('/devportal/applications');

  // Register an external IdP (panva's oidc-provider) while signed in as the admin.
  const port = await freePort();
  const name = `Portal SSO ${Date.now().toString(36)}`;
  const providers = new IdentityProvidersPage(page);
  await providers.goto();
  const redirectURI = await providers.add({
    name,
    issuer: `http://127.0.0.1:${port}`,
    clientID: 'gatehouse-portal-e2e',
    clientSecret: 'portal-e2e-secret',
    scopes: 'openid profile email groups',
    mapping: { claim: 'groups', value: 'staff', role: 'SUBSCRIBER' },
    jit: true,
  });
  idp = await startExternalIdP({ port, clientID: 'gatehouse-portal-e2e', clientSecret: 'portal-e2e-secret', redirectURI });
  // bob, so this spec and federation.spec provision different users.
  expect((await page.request.post(`${idp.issuer}/_test/account?sub=bob`)).ok()).toBe(true);

  // Sign out: through end-session, back to the portal, which says so and stays put.
  await shell.signOutButton.click();
  await expect(page).toHaveURL(/\/signin\?signed_out=1$/);
  await expect(page.getByText('You signed out.')).toBeVisible();

  // The Key Manager's sign-in ended too: the next sign-in shows its login page again, now with
  // the external IdP's button.
  await page.getByRole('link', { name: 'Sign in', exact: true }).click();
  await signIn.waitForLoginPage();
  await page.getByRole('link', { name: `Sign in with ${name}`, exact: true }).click();
  await expect(shell.signedInUser).toHaveText('bob');
  expect(new URL(page.url()).pathname).not.toMatch(/^\/(signin|oauth2)/);
});
