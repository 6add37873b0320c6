import { expect, test } from '../fixtures';
import { ApiEndpointsPage, ApiTabs } from '../pages/ApiDesignPages';
import { ApiDetailPage } from '../pages/ApiDetailPage';
import { ImportApiPage } from '../pages/ImportApiPage';
import { PublisherPage } from '../pages/PublisherPage';

// A publisher turns an API's production endpoint into a load-balanced group with basic
// authentication; a bad URL is refused next to the field, and the password is never shown.
test('a publisher edits the endpoints of an API', async ({ page, signInAs }) => {
  const suffix = Date.now().toString(36);
  await signInAs('publisher');
  await new PublisherPage(page).importButton.click();
  const wizard = new ImportApiPage(page);
  await wizard.validate(`openapi: 3.0.3
info:
  title: Spread ${suffix}
  version: 1.0.0
servers:
  - url: http://127.0.0.1:9/a
paths:
  /x:
    get:
      responses:
        '200':
          description: ok
`);
  await expect(wizard.verdict).toHaveText('The definition is valid.');
  await wizard.context.fill(`spread-${suffix}`);
  await wizard.importButton.click();
  await expect(new ApiDetailPage(page).heading).toHaveText(`Spread ${suffix}`);

  await new ApiTabs(page).tab('Endpoints').click();
  const endpoints = new ApiEndpointsPage(page);
  await endpoints.productionType.selectOption('LOAD_BALANCED');
  await endpoints.productionURLs.fill('http://127.0.0.1:9/a\nftp://nope');
  await endpoints.saveButton.click();
  await expect(endpoints.form.getByRole('alert')).toContainText('http or https');

  await endpoints.productionURLs.fill('http://127.0.0.1:9/a\nhttp://127.0.0.1:9/b');
  await endpoints.productionRetries.fill('2');
  await endpoints.productionAuth.selectOption('BASIC');
  await endpoints.form.getByLabel('User name').fill('gateway');
  await endpoints.form.getByLabel('Password').fill('s3cret');
  await endpoints.saveButton.click();
  await expect(endpoints.notice).toBeVisible();

  await page.reload();
  await expect(endpoints.productionType).toHaveValue('LOAD_BALANCED');
  await expect(endpoints.productionURLs).toHaveValue('http://127.0.0.1:9/a\nhttp://127.0.0.1:9/b');
  await expect(endpoints.form.getByLabel('Password')).toHaveValue('');
  await expect(endpoints.form.getByText('Stored; leave empty to keep it.')).toBeVisible();
});
