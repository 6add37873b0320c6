import { expect, test } from '../fixtures';
import { AppShell } from '../pages/AppShell';
import { PublisherPage } from '../pages/PublisherPage';
import { SignInPage } from '../pages/SignInPage';

test('a deep link survives sign-in and reload', async ({ page, gatehouse }) => {
  await page.goto('/publisher');
  await expect(page).toHaveURL(/\/signin\?next=%2Fpublisher$/);

  const signIn = new SignInPage(page);
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
  await expect(signIn.error).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
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

  await shell.signOutButton.click();
  await expect(page).toHaveURL(/\/signin$/);
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/signin\?next=%2Fadmin$/);
});
