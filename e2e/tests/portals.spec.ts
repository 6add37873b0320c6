import { expect, test } from '../fixtures';
import { AppShell } from '../pages/AppShell';
import { DevportalApiPage } from '../pages/DevportalApiPage';
import { DevportalPage } from '../pages/DevportalPage';
import { SignInPage } from '../pages/SignInPage';
import { SignUpPage } from '../pages/SignUpPage';

// Role-aware portals (issue 13, part 5): each viewer sees only the portals they may use, and a
// portal typed as a URL that they may not use says so in words.
test('a subscriber who signs up sees only the Developer Portal; /publisher says why in words', async ({ page }) => {
  const username = `portals-${Date.now().toString(36)}`;
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.signUp(username, `${username}@example.com`, 'violet-kettle-drums');
  const shell = new AppShell(page);
  await expect(shell.signedInUser).toHaveText(username);
  await expect(page).toHaveURL(/\/devportal$/);
  await expect(page.getByRole('navigation', { name: 'Areas' }).getByRole('link')).toHaveText(['Developer Portal']);
  await expect(page.getByRole('link', { name: 'Import API' })).toHaveCount(0);

  // Typed as a URL: the words, a way to what they can use, no raw error.
  await page.goto('/publisher');
  const refusal = page.getByRole('region', { name: 'Not available with your role' });
  await expect(refusal).toContainText('The Publisher portal is for publishers and administrators.');
  await expect(refusal).toContainText(`You are signed in as ${username} with the role subscriber.`);
  await expect(page.getByText('FORBIDDEN')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Import API' })).toHaveCount(0);
  await page.goto('/admin');
  await expect(page.getByRole('region', { name: 'Not available with your role' })).toContainText('The Admin portal is for administrators.');
  await expect(page.getByRole('button', { name: 'Create user' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Go to the Developer Portal' }).click();
  await expect(new DevportalPage(page).heading).toBeVisible();
});

test('a publisher sees Publisher, Developer Portal and Service Catalog, not Admin', async ({ page, signInAs }) => {
  await signInAs('publisher');
  await expect(page.getByRole('navigation', { name: 'Areas' }).getByRole('link')).toHaveText([
    'Publisher',
    'Developer Portal',
    'Service Catalog',
  ]);
  await page.goto('/admin');
  await expect(page.getByRole('region', { name: 'Not available with your role' })).toContainText(
    'The Admin portal is for administrators. You are signed in as publisher with the role publisher.',
  );
});

// The open Developer Portal (part 6): an anonymous visitor browses, searches and reads a public
// API and its document; Subscribe sends them to sign in, and they come back to that API's page.
test('an anonymous visitor browses the catalogue, reads an API, and signs in to subscribe', async ({ page, gatehouse }) => {
  const portal = new DevportalPage(page);
  await portal.goto();
  await expect(portal.heading).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Areas' }).getByRole('link')).toHaveText(['Developer Portal']);
  await expect(portal.applicationsTab).toHaveCount(0);

  await portal.find('pizza');
  await expect(portal.card('PizzaShackAPI')).toBeVisible();
  await portal.open('PizzaShackAPI');
  const api = new DevportalApiPage(page);
  await expect(api.heading).toHaveText('PizzaShackAPI');
  const apiPath = new URL(page.url()).pathname;
  await expect(api.invocationUrls).toBeVisible();
  // Its document, read anonymously.
  await expect(page.getByRole('list', { name: 'Documents' })).toContainText('Getting started');
  await expect(page.getByTestId('document-markdown').first()).not.toBeEmpty();
  await expect(page.getByRole('region', { name: 'Ratings and comments' })).toContainText('to rate this API or comment on it');

  // Subscribe: sign in first, then back to this API's page, now with the real Subscribe form.
  await api.subscribePanel.getByRole('link', { name: 'Sign in to subscribe' }).click();
  const signIn = new SignInPage(page);
  await signIn.waitForLoginPage();
  await signIn.signIn('subscriber', gatehouse.credentials.users.subscriber.password);
  await expect(new AppShell(page).signedInUser).toHaveText('subscriber');
  await expect(page).toHaveURL((u) => u.pathname === apiPath);
  await expect(api.heading).toHaveText('PizzaShackAPI');
  await expect(api.subscribeButton).toBeVisible();
});

test('a visitor who signs up from the login page comes back to the API page', async ({ page }) => {
  const username = `comeback-${Date.now().toString(36)}`;
  const portal = new DevportalPage(page);
  await portal.goto();
  await portal.open('PizzaShackAPI');
  const api = new DevportalApiPage(page);
  await expect(api.heading).toHaveText('PizzaShackAPI');
  const apiPath = new URL(page.url()).pathname;

  await api.subscribePanel.getByRole('link', { name: 'Sign in to subscribe' }).click();
  await new SignInPage(page).waitForLoginPage();
  await page.getByRole('link', { name: 'Create an account' }).click();
  const signUp = new SignUpPage(page);
  await signUp.signUp(username, `${username}@example.com`, 'violet-kettle-drums');
  await expect(page).toHaveURL((u) => u.pathname === apiPath);
  await expect(new AppShell(page).signedInUser).toHaveText(username);
  // Signed in now: the real Subscribe panel, which offers a new user to create an application.
  await expect(api.subscribePanel.getByRole('link', { name: 'Create application' })).toBeVisible();
  await expect(api.subscribePanel.getByRole('link', { name: 'Sign in to subscribe' })).toHaveCount(0);
});

test('an attacker-chosen way back after sign-in is ignored', async ({ page, gatehouse }) => {
  for (const evil of ['https://evil.example/', '//evil.example/']) {
    await page.context().clearCookies();
    await page.goto(`/signin?next=${encodeURIComponent(evil)}`, { waitUntil: 'commit' });
    const signIn = new SignInPage(page);
    await signIn.waitForLoginPage();
    await signIn.signIn('subscriber', gatehouse.credentials.users.subscriber.password);
    await expect(new AppShell(page).signedInUser).toHaveText('subscriber');
    expect(new URL(page.url()).origin).toBe(gatehouse.baseURL);
    await expect(page).toHaveURL(/\/devportal$/);
  }
});
