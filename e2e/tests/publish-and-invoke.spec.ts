import { expect, test } from '../fixtures';
import { ApiDetailPage } from '../pages/ApiDetailPage';
import { CreateApiPage } from '../pages/CreateApiPage';
import { PublisherPage } from '../pages/PublisherPage';
import { startEchoBackend, type EchoBackend } from '../support/echo-backend';
import { callGateway } from '../support/gateway';

// The Foundation slice end to end: a publisher creates an API in the browser, deploys it,
// and the embedded gateway forwards a call to the API's backend.
let backend: EchoBackend;
test.beforeAll(async () => {
  backend = await startEchoBackend();
});
test.afterAll(async () => {
  await backend?.close();
});

test('a publisher creates and deploys an API that the gateway then serves', async ({ page, gatehouse, signInAs }) => {
  const suffix = Date.now().toString(36);
  const api = { name: `Greeting ${suffix}`, context: `greeting-${suffix}`, version: '1.0.0', endpoint: backend.url };

  await signInAs('publisher');
  const publisher = new PublisherPage(page);
  await expect(publisher.heading).toBeVisible();
  await publisher.createButton.click();

  const form = new CreateApiPage(page);
  await expect(form.heading).toBeVisible();
  await form.create({ ...api, description: 'Says hello (e2e).' });

  const detail = new ApiDetailPage(page);
  await expect(page).toHaveURL(/\/publisher\/apis\/[^/]+$/);
  await expect(detail.heading).toHaveText(api.name);
  await expect(detail.context).toHaveText(`/${api.context}`);
  await expect(detail.version).toContainText(api.version);
  await expect(detail.endpoint).toHaveText(api.endpoint);

  // A new API requires a token on every resource (hole 3); this one is opened for GET.
  await detail.openResource('GET', '/*');

  await detail.deploy();
  await expect(detail.notice).toContainText('Deployed revision 1 to');
  await expect(detail.error).toHaveCount(0);
  await expect(detail.invocationUrls).toContainText(`/${api.context}/${api.version}`);
  await expect(detail.deployments.getByRole('row')).toHaveCount(2); // header + one deployment
  await expect(detail.revisions).toHaveText('1');

  const url = `${gatehouse.gatewayURL}/${api.context}/${api.version}/greeting`;
  const reply = await callGateway(url, { timeoutMs: 10_000 });
  expect(reply.status, `GET ${url} answered ${reply.status}: ${reply.body}`).toBe(200);
  expect(JSON.parse(reply.body)).toEqual({ hello: backend.token, path: '/greeting' });

  // The new API is in the publisher's list.
  await page.goto('/publisher');
  await expect(publisher.row(api.name)).toContainText(`/${api.context}`);
});
