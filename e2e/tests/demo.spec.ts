import { expect, test } from '../fixtures';
import { PublisherPage } from '../pages/PublisherPage';
import { callGateway } from '../support/gateway';

// `serve --demo` seeds the PizzaShack API, published and deployed, with a subscribed application.
test('the demo PizzaShack API is listed, and the gateway serves it to the subscribed application only', async ({ page, gatehouse, signInAs }) => {
  await signInAs('publisher');
  const publisher = new PublisherPage(page);
  await expect(publisher.rowWithContext('pizzashack')).toBeVisible();
  await expect(publisher.rowWithContext('pizzashack')).toContainText('1.0.0');

  const url = `${gatehouse.gatewayURL}/pizzashack/1.0.0/menu`;
  const anonymous = await callGateway(url, { timeoutMs: 10_000, want: 401 });
  expect(anonymous.status, `GET ${url} without a token answered ${anonymous.status}: ${anonymous.body}`).toBe(401);

  const token = await clientCredentialsToken(gatehouse.baseURL, gatehouse.credentials.application!);
  const reply = await callGateway(url, { timeoutMs: 10_000, headers: { Authorization: `Bearer ${token}` } });
  expect(reply.status, `GET ${url} answered ${reply.status}: ${reply.body}`).toBe(200);
  const menu: unknown = JSON.parse(reply.body);
  expect(Array.isArray(menu), `menu is a JSON array: ${reply.body}`).toBe(true);
  expect((menu as unknown[]).length).toBeGreaterThan(0);
});

/** A client_credentials access token for the demo application, from the advertised token endpoint. */
async function clientCredentialsToken(baseURL: string, app: { clientId: string; clientSecret: string }): Promise<string> {
  const disco = await fetch(`${baseURL}/.well-known/openid-configuration`);
  expect(disco.status, 'discovery document').toBe(200);
  const { token_endpoint: tokenEndpoint } = (await disco.json()) as { token_endpoint: string };
  const res = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${encodeURIComponent(app.clientId)}:${encodeURIComponent(app.clientSecret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  const body = (await res.json()) as { access_token?: string; error?: string };
  expect(res.status, `token endpoint: ${JSON.stringify(body)}`).toBe(200);
  return body.access_token!;
}
