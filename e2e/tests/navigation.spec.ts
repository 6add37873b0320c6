import { expect, test } from '../fixtures';
import { AppShell } from '../pages/AppShell';
import { PublisherPage } from '../pages/PublisherPage';
import { SignInPage } from '../pages/SignInPage';

test('a deep link survives sign-in and reload', async ({ page, gatehouse }) => {
  await page.goto('/publisher', { waitUntil: 'commit' });
  const signIn = new SignInPage(page);
  await signIn.waitForLoginPage();
  await signIn.signIn('publisher', gatehouse.credentials.users.publisher.password);
  const publisher = new PublisherPage(page);
  await expect(page).toHaveURL(/\/publisher$/);
  await expect(publisher.heading).toBeVisible();

  await page.reload();
  await expect(page).toHaveURL(/\/publisher$/);
  await expect(publisher.heading).toBeVisible();
  await expect(new AppShell(page).signedInUser).toHaveText('publisher');

  // A deeper page, loaded straight from the server (history fallback).
  await page.goto('/publisher/apis/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Create API' })).toBeVisible();
});

test('wrong credentials are refused on the sign-in page', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn('publisher', 'not-the-password');
  await expect(signIn.error).toContainText('invalid username or password');
  await expect(page).toHaveURL(/\/oauth2\/login/);
});

test('the area tabs lead to each portal, and sign out ends the session', async ({ page, signInAs }) => {
  await signInAs('admin');
  const shell = new AppShell(page);

  await shell.open('Developer Portal');
  await expect(page).toHaveURL(/\/devportal$/);
  await shell.open('Service Catalog');
  await expect(page).toHaveURL(/\/catalog$/);
  await shell.open('Admin');
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('table', { name: 'Users' })).toContainText('publisher');
  await expect(page.getByRole('table', { name: 'Environments' })).toBeVisible();
  // Virtual hosts of an environment: add one, save, and see it listed.
  await page.getByRole('button', { name: /^Edit virtual hosts of / }).first().click();
  await page.getByRole('button', { name: 'Add virtual host', exact: true }).click();
  await page.getByLabel('Host 1', { exact: true }).fill('API.Example.com');
  await page.getByRole('button', { name: 'Save virtual hosts', exact: true }).click();
  await expect(page.getByText(/^Saved the virtual hosts of /)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Environments' })).toContainText('api.example.com');

  await shell.signOutButton.click();
  await expect(page).toHaveURL(/\/signin\?signed_out=1$/);
  await expect(page.getByText('You signed out.')).toBeVisible();
  await page.goto('/admin', { waitUntil: 'commit' });
  await new SignInPage(page).waitForLoginPage();
});
