import { expect, test } from '../fixtures';
import { AppShell } from '../pages/AppShell';
import { IdentityProvidersPage } from '../pages/IdentityProvidersPage';
import { SignInPage } from '../pages/SignInPage';
import { freePort } from '../support/net';
import { startExternalIdP, type ExternalIdP } from '../support/oidc-idp';

let idp: ExternalIdP | undefined;
test.afterAll(() => idp?.stop());

// An admin registers an external OpenID Connect provider (panva's oidc-provider, started
// here); after signing out, "Sign in with ..." on the sign-in page takes a new user through
// the provider and back with a portal session (just-in-time provisioning).
test('an admin adds an external IdP and a user signs in with it', async ({ page, signInAs }) => {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const name = `Partner SSO ${Date.now().toString(36)}`;

  await signInAs('admin');
  const providers = new IdentityProvidersPage(page);
  await providers.goto();
  const redirectURI = await providers.add({
    name,
    issuer,
    clientID: 'gatehouse-e2e',
    clientSecret: 'e2e-client-secret',
    scopes: 'openid profile email groups',
    mapping: { claim: 'groups', value: 'staff', role: 'SUBSCRIBER' },
    jit: true,
  });
  await expect(providers.table.getByRole('cell', { name, exact: true })).toBeVisible();
  idp = await startExternalIdP({ port, clientID: 'gatehouse-e2e', clientSecret: 'e2e-client-secret', redirectURI });
  expect(idp.issuer).toBe(issuer);

  await new AppShell(page).signOut();
  const signIn = new SignInPage(page);
  await signIn.goto('/devportal');
  await page.getByRole('link', { name: `Sign in with ${name}` }).click();
  // The provider signs alice in without a form (test interactions) and sends her back.
  await expect(page.getByTestId('signed-in-user')).toHaveText('alice');
  expect(new URL(page.url()).pathname).toBe('/devportal');
});
