import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { AppShell } from '../pages/AppShell';
import { DevportalApiPage } from '../pages/DevportalApiPage';
import { DevportalApplicationPage } from '../pages/DevportalApplicationPage';
import { DevportalApplicationsPage } from '../pages/DevportalApplicationsPage';
import { DevportalConsolePage } from '../pages/DevportalConsolePage';
import { DevportalPage } from '../pages/DevportalPage';
import { callGateway } from '../support/gateway';

// Hole 16: the portals, Swagger UI's try-it console and GraphiQL work under the control
// plane's Content-Security-Policy (no inline or eval'd script). Hole 1: a browser signed in to
// the admin portal that calls the gateway (same host, other port: the browser sends the
// portal's cookies along) does not hand the session to the API's backend.

/** Records every CSP violation the page reports, as events and as console errors. */
async function watchCSP(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.on('console', (msg) => {
    const text = msg.text();
    if (/CSP violation|Content Security Policy|Refused to (load|execute|apply|connect|evaluate|create)/i.test(text)) violations.push(text);
  });
  return violations;
}

async function expectStrictCSP(page: Page, path: string): Promise<void> {
  const res = await page.goto(path);
  expect(res, `GET ${path}`).not.toBeNull();
  const csp = res!.headers()['content-security-policy'] ?? '';
  expect(csp, `CSP of ${path}`).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
}

/** Calls /graphql with the browser's session cookie and the session's CSRF token. */
async function graphql<T>(request: APIRequestContext, query: string, variables: Record<string, unknown>): Promise<T> {
  const session = await request.get('/auth/session');
  expect(session.status(), 'GET /auth/session').toBe(200);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const res = await request.post('/graphql', { headers: { 'X-CSRF-Token': csrfToken }, data: { query, variables } });
  const text = await res.text();
  expect(res.status(), `POST /graphql: ${text}`).toBe(200);
  const body = JSON.parse(text) as { data?: T; errors?: unknown[] };
  expect(body.errors, `POST /graphql: ${text}`).toBeUndefined();
  return body.data as T;
}

test('the portals, Swagger UI and GraphiQL run under the CSP without violations', async ({ page, gatehouse, signInAs }) => {
  const violations = await watchCSP(page);
  const appName = `CSP App ${Date.now().toString(36)}`;

  await signInAs('subscriber');
  await expectStrictCSP(page, '/devportal');
  const portal = new DevportalPage(page);
  await expect(portal.heading).toBeVisible();
  await portal.applicationsTab.click();
  const applications = new DevportalApplicationsPage(page);
  await applications.create({ name: appName, description: 'CSP e2e', throttlingTier: 'Unlimited' });
  const application = new DevportalApplicationPage(page);
  await expect(application.heading).toHaveText(appName);
  await application.production.generateButton.click();
  await expect(application.production.consumerSecret).not.toHaveValue('');

  // Swagger UI: a call through the gateway from the try-it console.
  await new AppShell(page).open('Developer Portal');
  await portal.find('pizzashack');
  await portal.open('PizzaShackAPI');
  const api = new DevportalApiPage(page);
  await expect(api.heading).toHaveText('PizzaShackAPI');
  await api.subscribe(appName, 'Gold');
  await expect(api.notice).toContainText(`Subscribed ${appName} with tier Gold.`);
  await page.getByRole('link', { name: 'Definition and Try it console' }).click();
  const consolePage = new DevportalConsolePage(page);
  await expect(consolePage.console).toBeVisible({ timeout: 20_000 });
  await consolePage.application.selectOption({ label: appName });
  await consolePage.keyType.selectOption('PRODUCTION');
  await consolePage.generateToken.click();
  await expect(consolePage.token).not.toHaveValue('');
  await expect(async () => {
    const op = await consolePage.execute('GET', '/menu');
    await expect(consolePage.status(op)).toHaveText('200', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });

  // GraphiQL: a query through the gateway.
  await new AppShell(page).open('Developer Portal');
  await portal.find('PizzaMenuGraphQL');
  await portal.open('PizzaMenuGraphQL');
  await expect(api.heading).toHaveText('PizzaMenuGraphQL');
  await api.subscribe(appName, 'Gold');
  await expect(api.notice).toContainText(`Subscribed ${appName} with tier Gold.`);
  await page.getByRole('link', { name: 'Definition and Try it console' }).click();
  await expect(consolePage.graphql).toBeVisible({ timeout: 20_000 });
  await consolePage.application.selectOption({ label: appName });
  await consolePage.keyType.selectOption('PRODUCTION');
  await consolePage.generateToken.click();
  await expect(consolePage.token).not.toHaveValue('');
  await consolePage.setQuery('{ pizza(name: "Garden Fresh") { name price vegetarian } }');
  await expect(async () => {
    await consolePage.runQuery.click();
    await expect(consolePage.graphqlResponse).toContainText('"vegetarian": true', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });

  expect(violations, `CSP violations at ${gatehouse.baseURL}`).toEqual([]);
});

test('a browser signed in to the admin portal sends no portal cookie through the gateway to a backend', async ({ page, gatehouse, signInAs }) => {
  const violations = await watchCSP(page);

  // A backend that records the headers of every call it gets.
  const seen: IncomingHttpHeaders[] = [];
  const backend = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const port = (backend.address() as { port: number }).port;

  try {
    await signInAs('admin');
    await expectStrictCSP(page, '/admin');
    await expectStrictCSP(page, '/publisher');
    await expect(page.getByTestId('signed-in-user')).toHaveText('admin');

    // An open (no token needed) API on that backend, deployed to the default gateway.
    const context = `cookies${Date.now().toString(36)}`;
    const definition = `openapi: 3.0.3
info: {title: Cookie Echo ${context}, version: 1.0.0}
servers: [{url: "http://127.0.0.1:${port}"}]
paths:
  /echo:
    get:
      x-gatehouse-auth-required: false
      responses: {"200": {description: ok}}
`;
    const { importAPI } = await graphql<{ importAPI: { id: string } }>(
      page.request,
      `mutation($i: ImportAPIInput!) { importAPI(input: $i) { id } }`,
      { i: { source: { content: definition }, context } },
    );
    await graphql(page.request, `mutation($id: ID!) { deployAPI(input: {apiID: $id}) { id } }`, { id: importAPI.id });
    const url = `${gatehouse.gatewayURL}/${context}/1.0.0/echo`;
    const ready = await callGateway(url, { timeoutMs: 20_000 });
    expect(ready.status, `GET ${url}: ${ready.body}`).toBe(200);

    // The page calls the gateway with credentials: the browser attaches the portal's
    // cookies (same host), and the gateway must not pass them on.
    const before = seen.length;
    await page.evaluate(async (u) => {
      await fetch(u, { credentials: 'include', mode: 'no-cors' });
    }, url);
    await expect.poll(() => seen.length, { message: 'the call reached the backend' }).toBeGreaterThan(before);
    const cookies = seen.slice(before).map((h) => h.cookie ?? '');
    for (const c of cookies) {
      expect(c, 'Cookie header the backend received').not.toMatch(/(^|;\s*)(__Host-|__Secure-)?gatehouse_/);
    }
    expect(violations).toEqual([]);
  } finally {
    backend.closeAllConnections();
    await new Promise<void>((resolve) => backend.close(() => resolve()));
  }
});
