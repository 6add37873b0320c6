import { expect, test } from '../fixtures';
import { ApiDetailPage } from '../pages/ApiDetailPage';
import { AppShell } from '../pages/AppShell';
import { CreateApiPage } from '../pages/CreateApiPage';
import { RolesPage } from '../pages/RolesPage';
import { SignInPage } from '../pages/SignInPage';
import { UsersPage } from '../pages/UsersPage';

// Custom roles (issue 13, parts 4 and 5): an admin defines "api-designer" (api:create +
// api:manage) and creates a user holding only it, with a temporary password. That user chooses
// a new password at the first sign-in, sees the Publisher (not Admin) and creates an API. When
// the admin takes the role away, the user's next page load no longer offers the Publisher.
test('a custom role opens exactly what it grants, and taking it away closes it on the next page load', async ({ page, browser, signInAs, gatehouse }) => {
  const suffix = Date.now().toString(36);
  const username = `designer-${suffix}`;
  const temporary = 'amber-quartz-window';
  const chosen = 'cobalt-willow-harbour';

  // The admin defines the role...
  await signInAs('admin');
  const roles = new RolesPage(page);
  await roles.goto();
  await expect(roles.row('admin')).toContainText('Read-only');
  await roles.create('api-designer', 'Designs APIs, does not publish them', ['api:create', 'api:manage']);
  const designer = roles.row('api-designer');
  await expect(designer.getByRole('listitem')).toHaveText(['api:create', 'api:manage']);

  // ...and a user holding only it, whose password is temporary.
  const users = new UsersPage(page);
  await users.goto();
  await users.create({ username, password: temporary, builtIn: [], custom: ['api-designer'], temporaryPassword: true });
  await expect(page.getByRole('status')).toContainText(`Created ${username}`);
  await expect(users.roles(username)).toHaveText(['api-designer']);
  await expect(users.row(username)).toContainText('must change password');

  // The user signs in (in a browser of their own) and must choose a new password first.
  const theirs = await browser.newContext({ baseURL: gatehouse.baseURL });
  const userPage = await theirs.newPage();
  const signIn = new SignInPage(userPage);
  await signIn.goto();
  await signIn.signIn(username, temporary);
  await signIn.chooseNewPassword(temporary, chosen);
  const shell = new AppShell(userPage);
  await expect(shell.signedInUser).toHaveText(username);
  await expect(userPage.getByRole('navigation', { name: 'Areas' }).getByRole('link')).toHaveText(['Publisher', 'Developer Portal']);
  await userPage.goto('/admin');
  await expect(userPage.getByRole('region', { name: 'Not available with your role' })).toContainText(
    `The Admin portal is for administrators. You are signed in as ${username} with the role api-designer.`,
  );

  // What the role grants works: the user creates an API.
  const apiName = `Designed ${suffix}`;
  const form = new CreateApiPage(userPage);
  await form.goto();
  await form.create({ name: apiName, context: `designed-${suffix}`, version: '1.0.0', endpoint: 'http://127.0.0.1:9/' });
  await expect(new ApiDetailPage(userPage).heading).toHaveText(apiName);
  // api:publish is not in the role: no Deploy.
  await expect(userPage.getByRole('button', { name: 'Deploy', exact: true })).toHaveCount(0);

  // The admin takes the role away; the user's next page load offers no Publisher.
  await users.goto();
  await users.setRoles(username, ['subscriber']);
  await expect(users.roles(username)).toHaveText(['subscriber']);
  await userPage.reload();
  await expect(shell.signedInUser).toHaveText(username);
  await expect(userPage.getByRole('navigation', { name: 'Areas' }).getByRole('link')).toHaveText(['Developer Portal']);
  await userPage.goto('/publisher');
  await expect(userPage.getByRole('region', { name: 'Not available with your role' })).toContainText('The Publisher portal is for publishers and administrators.');
  await theirs.close();
});
