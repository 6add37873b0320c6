import type { Locator, Page } from '@playwright/test';

export type DashboardArea = 'publisher' | 'devportal' | 'admin';

/** The traffic dashboard: /publisher/analytics ("Analytics"), /devportal/analytics ("Usage"), /admin/analytics ("Platform health"). */
export const dashboards: Record<DashboardArea, { path: string; title: string }> = {
  publisher: { path: '/publisher/analytics', title: 'Analytics' },
  devportal: { path: '/devportal/analytics', title: 'Usage' },
  admin: { path: '/admin/analytics', title: 'Platform health' },
};

export type TopTitle = 'Top APIs' | 'Top applications' | 'Top users' | 'Top resources' | 'Top countries';

export class DashboardPage {
  readonly heading: Locator;
  readonly timeRange: Locator;
  readonly liveSwitch: Locator;
  readonly refreshButton: Locator;
  readonly errorsByType: Locator;
  readonly trafficChart: Locator;
  readonly latencyChart: Locator;
  readonly emptyState: Locator;

  constructor(
    readonly page: Page,
    readonly area: DashboardArea,
  ) {
    this.heading = page.getByRole('heading', { level: 1, name: dashboards[area].title, exact: true });
    this.timeRange = page.getByRole('combobox', { name: 'Time range' });
    this.liveSwitch = page.getByRole('switch', { name: 'Live' });
    this.refreshButton = page.getByRole('button', { name: 'Refresh', exact: true });
    this.errorsByType = page.getByRole('figure', { name: 'Errors by type' });
    this.trafficChart = page.getByRole('figure', { name: 'Traffic over time' });
    this.latencyChart = page.getByRole('figure', { name: 'Latency (ms)' });
    this.emptyState = page.getByRole('status').filter({ hasText: 'No traffic in this period.' });
  }

  async goto(): Promise<void> {
    await this.page.goto(dashboards[this.area].path);
  }

  /** The value of a stat tile: Requests, Errors, Error rate, Throttled, p50/p95/p99 latency. */
  tile(name: string): Locator {
    return this.page.getByRole('group', { name, exact: true }).getByTestId('stat-value');
  }

  /** A count tile as a number; 0 while the dashboard shows no traffic. */
  async count(name: string): Promise<number> {
    const tile = this.tile(name);
    if ((await tile.count()) === 0) return 0;
    return Number((await tile.innerText()).replaceAll(',', ''));
  }

  /** The bars of the errors series in the traffic chart (one per bucket with errors). */
  errorBars(): Locator {
    return this.trafficChart.locator('.recharts-bar-rectangle path');
  }

  /** A top table's section with its table and Export CSV button. */
  topSection(title: TopTitle): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  exportButton(title: TopTitle): Locator {
    return this.topSection(title).getByRole('button', { name: 'Export CSV', exact: true });
  }

  /** Loads the page again and waits for its numbers (or its empty state). */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.tile('Requests').or(this.emptyState).waitFor({ timeout: 5_000 });
  }
}
