import { readFile } from 'node:fs/promises';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from '../fixtures';
import { AlertsPage } from '../pages/AlertsPage';
import { DashboardPage } from '../pages/DashboardPage';
import { readServerState, type ServerState } from '../support/server-state';

// The gateway reports every call to the control plane within about a second; the dashboards
// show them to whoever may see them: publishers and admins their organization's APIs,
// subscribers their own applications.
test.describe.configure({ mode: 'serial' });

const authorizedCalls = 20;
const anonymousCalls = 5;

test.beforeAll(async () => {
  await generateTraffic(readServerState());
});

test('the publisher sees the calls and the failed authentications on Analytics', async ({ page, signInAs }, testInfo) => {
  await signInAs('publisher');
  await page.getByRole('navigation', { name: 'Publisher' }).getByRole('link', { name: 'Analytics', exact: true }).click();
  const dashboard = new DashboardPage(page, 'publisher');
  await expect(page).toHaveURL(/\/publisher\/analytics$/);
  await expect(dashboard.heading).toBeVisible();

  await waitForRequests(dashboard, authorizedCalls + anonymousCalls);
  await expect.poll(() => dashboard.count('Errors')).toBeGreaterThanOrEqual(anonymousCalls);
  await expect(dashboard.errorsByType.getByRole('cell', { name: 'auth', exact: true })).toBeVisible();
  await expect(dashboard.trafficChart.locator('svg.recharts-surface').first()).toBeVisible();
  // The failed calls show as an error bar in their bucket.
  await expect(dashboard.errorBars().first()).toBeVisible();
  await expect(dashboard.latencyChart.locator('svg.recharts-surface').first()).toBeVisible();
  await expect(dashboard.topSection('Top APIs').getByRole('table')).toContainText('PizzaShack');
  await expect(dashboard.topSection('Top resources').getByRole('table')).toContainText('GET /menu');

  // Export CSV saves the table as a file, in the browser.
  const [download] = await Promise.all([page.waitForEvent('download'), dashboard.exportButton('Top APIs').click()]);
  expect(download.suggestedFilename()).toMatch(/^top-apis-.+\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe('API,Requests,Errors');
  expect(csv).toContain('PizzaShack');

  await screenshot(page, testInfo, 'publisher-analytics');
});

test('a subscriber sees their application calls, without the anonymous ones, on Usage', async ({ page, gatehouse, signInAs }, testInfo) => {
  await signInAs('subscriber');
  await page.goto('/devportal');
  await page.getByRole('navigation', { name: 'Developer Portal' }).getByRole('link', { name: 'Usage', exact: true }).click();
  const dashboard = new DashboardPage(page, 'devportal');
  await expect(page).toHaveURL(/\/devportal\/analytics$/);
  await expect(dashboard.heading).toBeVisible();

  await waitForRequests(dashboard, authorizedCalls);
  await expect(dashboard.tile('Errors')).toHaveText('0');
  await expect(dashboard.errorsByType).toContainText('No errors in this period.');
  await expect(dashboard.topSection('Top applications').getByRole('table')).toContainText(gatehouse.credentials.application!.name);

  await screenshot(page, testInfo, 'devportal-usage');
});

test('an admin sees the platform traffic on Platform health', async ({ page, signInAs }, testInfo) => {
  await signInAs('admin');
  await page.goto('/admin');
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Platform health', exact: true }).click();
  const dashboard = new DashboardPage(page, 'admin');
  await expect(page).toHaveURL(/\/admin\/analytics$/);
  await expect(dashboard.heading).toBeVisible();

  await waitForRequests(dashboard, authorizedCalls + anonymousCalls);
  await expect(dashboard.errorsByType.getByRole('cell', { name: 'auth', exact: true })).toBeVisible();

  // A shorter range asks again; the calls were made moments ago, so they are still in it.
  await dashboard.timeRange.selectOption({ label: 'Last 15 minutes' });
  await expect.poll(() => dashboard.count('Requests')).toBeGreaterThanOrEqual(authorizedCalls + anonymousCalls);

  await screenshot(page, testInfo, 'admin-platform-health');
});

test('an admin manages alert rules; a bad webhook URL is refused next to its field', async ({ page, signInAs }, testInfo) => {
  await signInAs('admin');
  await page.goto('/admin');
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Alerts', exact: true }).click();
  const alerts = new AlertsPage(page);
  await expect(page).toHaveURL(/\/admin\/alerts$/);
  await expect(alerts.heading).toBeVisible();

  const name = `Pizza errors ${Date.now()}`;
  await alerts.newButton.click();
  await alerts.fill({ name, api: 'PizzaShackAPI 1.0.0', threshold: '5', webhookURL: 'ftp://hooks.example.com/x' });
  await alerts.form.getByRole('button', { name: 'Create alert' }).click();
  await expect(alerts.fieldError('webhookURL')).toContainText('http or https');

  await alerts.form.getByLabel('Webhook URL').fill('https://hooks.example.com/gatehouse');
  await alerts.form.getByRole('button', { name: 'Create alert' }).click();
  await expect(alerts.row(name)).toContainText('Error rate (%) > 5% over 5 min');
  await expect(alerts.row(name)).toContainText('PizzaShackAPI 1.0.0');

  await alerts.row(name).getByRole('button', { name: 'Edit' }).click();
  await alerts.form.getByLabel('Threshold').fill('12.5');
  await alerts.form.getByRole('button', { name: 'Save alert' }).click();
  await expect(alerts.row(name)).toContainText('> 12.5%');
  await screenshot(page, testInfo, 'admin-alerts');

  await alerts.row(name).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm delete' }).click();
  await expect(alerts.row(name)).toHaveCount(0);
});

/** ~20 calls with a client_credentials token (200) and ~5 without one (401) to the demo API. */
async function generateTraffic(gatehouse: ServerState): Promise<void> {
  const app = gatehouse.credentials.application;
  if (!app) throw new Error('serve --demo wrote no demo application credentials');
  const res = await fetch(`${gatehouse.baseURL}/oauth2/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${encodeURIComponent(app.clientId)}:${encodeURIComponent(app.clientSecret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  const token = (await res.json()) as { access_token?: string };
  expect(res.status, `token endpoint: ${JSON.stringify(token)}`).toBe(200);

  const url = `${gatehouse.gatewayURL}/pizzashack/1.0.0/menu`;
  const call = async (headers: Record<string, string>) => {
    const r = await fetch(url, { headers, signal: AbortSignal.timeout(5_000) });
    await r.arrayBuffer();
    return r.status;
  };
  // The gateway may still be picking the demo deployment up; wait for the first 200.
  await expect.poll(() => call({ Authorization: `Bearer ${token.access_token}` }), { timeout: 10_000 }).toBe(200);
  for (let i = 1; i < authorizedCalls; i++) expect(await call({ Authorization: `Bearer ${token.access_token}` })).toBe(200);
  for (let i = 0; i < anonymousCalls; i++) expect(await call({})).toBe(401);
}

/** Refreshes the dashboard until the Requests tile reaches `min` (events arrive within about a second). */
async function waitForRequests(dashboard: DashboardPage, min: number): Promise<void> {
  await expect
    .poll(
      async () => {
        await dashboard.reload();
        return dashboard.count('Requests');
      },
      { timeout: 15_000, intervals: [500, 1_000] },
    )
    .toBeGreaterThanOrEqual(min);
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
