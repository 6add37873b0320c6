import { expect, test } from '../fixtures';
import { ApiScopesPage, ApiTabs } from '../pages/ApiDesignPages';
import { ApiDetailPage } from '../pages/ApiDetailPage';
import { ImportApiPage } from '../pages/ImportApiPage';
import { PublisherPage } from '../pages/PublisherPage';

// A publisher defines a scope bound to the admin role and makes a resource require it:
// the key manager then grants that scope to admins only.
test('a publisher defines a scope bound to a role and assigns it to a resource', async ({ page, signInAs }) => {
  const suffix = Date.now().toString(36);
  await signInAs('publisher');
  await new PublisherPage(page).importButton.click();
  const wizard = new ImportApiPage(page);
  await wizard.validate(`openapi: 3.0.3
info:
  title: Kitchen ${suffix}
  version: 1.0.0
servers:
  - url: http://127.0.0.1:9/k
paths:
  /ovens:
    post:
      responses:
        '200':
          description: ok
`);
  await expect(wizard.verdict).toHaveText('The definition is valid.');
  await wizard.context.fill(`kitchen-${suffix}`);
  await wizard.importButton.click();
  await expect(new ApiDetailPage(page).heading).toHaveText(`Kitchen ${suffix}`);

  await new ApiTabs(page).tab('Scopes').click();
  const scopes = new ApiScopesPage(page);
  await scopes.addButton.click();
  await scopes.name.fill('bad scope');
  await scopes.createButton.click();
  await expect(scopes.form.getByTestId('field-error-name')).toContainText('not a valid scope name');
  await scopes.name.fill('kitchen:ovens');
  await scopes.displayName.fill('Fire the ovens');
  await scopes.role('admin').check();
  await scopes.createButton.click();
  await expect(scopes.notice).toContainText('Saved the scope kitchen:ovens');
  await expect(scopes.row('kitchen:ovens')).toContainText('admin');

  await new ApiTabs(page).tab('Overview').click();
  await page.getByRole('button', { name: 'Edit POST /ovens', exact: true }).click();
  await page.getByRole('group', { name: 'Scopes' }).getByRole('checkbox', { name: 'kitchen:ovens', exact: true }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const resources = page.getByRole('table', { name: 'Resources' });
  await expect(resources.getByRole('row').filter({ hasText: '/ovens' })).toContainText('kitchen:ovens');

  // The scope page now shows the resource using it.
  await new ApiTabs(page).tab('Scopes').click();
  await expect(scopes.row('kitchen:ovens')).toContainText('POST /ovens');

  // The API accepts tokens of the built-in key manager; saving the choice keeps it.
  await new ApiTabs(page).tab('Endpoints').click();
  const keyManagers = page.getByRole('form', { name: 'Key managers' });
  const builtIn = keyManagers.getByRole('checkbox', { name: 'Gatehouse Key Manager (built-in)' });
  await expect(builtIn).toBeChecked();
  await keyManagers.getByRole('button', { name: 'Save key managers', exact: true }).click();
  await expect(keyManagers.getByRole('status')).toContainText('Key managers saved.');
  await builtIn.uncheck();
  await expect(keyManagers.getByRole('button', { name: 'Save key managers', exact: true })).toBeDisabled();
});
