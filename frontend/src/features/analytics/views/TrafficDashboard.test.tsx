import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGraphQLClient } from '../../../lib/graphql';
import { fakeFetch, type Reply } from '../../../test/fakeFetch';
import { emptyTrafficReply, trafficReply } from '../fixtures';
import { TrafficDashboard } from './TrafficDashboard';

const now = Date.parse('2025-03-01T12:00:00.000Z');

function renderDashboard(reply: () => Reply = () => ({ body: trafficReply() }), clock: () => number = () => now) {
  const f = fakeFetch(reply);
  const client = createGraphQLClient({ getCsrfToken: () => 'csrf-123', onUnauthenticated: vi.fn(), fetch: f.fetch });
  render(
    <Provider value={client}>
      <TrafficDashboard title="Analytics" now={clock} />
    </Provider>,
  );
  return f;
}

function cells(table: HTMLElement): (string | null)[][] {
  return within(table)
    .getAllByRole('row')
    .map((r) => Array.from(r.querySelectorAll('th, td')).map((c) => c.textContent));
}

async function tileAsync(name: string) {
  return tile(name, await screen.findByRole('group', { name }));
}

/** The value shown in the stat tile with this label. */
function tile(name: string, group = screen.getByRole('group', { name })) {
  return within(group).getByTestId('stat-value');
}

function variables(f: ReturnType<typeof fakeFetch>, i: number) {
  return (f.calls[i]?.body as { variables: { from: string; to: string } }).variables;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('TrafficDashboard', () => {
  it('shows the totals as tiles', async () => {
    renderDashboard();
    expect(screen.getByRole('heading', { level: 1, name: 'Analytics' })).toBeInTheDocument();
    expect(await tileAsync('Requests')).toHaveTextContent('1,250');
    expect(tile('Errors')).toHaveTextContent('50');
    expect(tile('Error rate')).toHaveTextContent('4%');
    expect(tile('Throttled')).toHaveTextContent('3');
    expect(tile('p50 latency')).toHaveTextContent('4.2 ms');
    expect(tile('p95 latency')).toHaveTextContent('32 ms');
    expect(tile('p99 latency')).toHaveTextContent('120 ms');
  });

  it('lists the top APIs and applications, and the errors by type, most first', async () => {
    renderDashboard();
    expect(cells(await screen.findByRole('table', { name: 'Top APIs' }))).toEqual([
      ['API', 'Requests', 'Errors', 'Error rate'],
      ['PizzaShackAPI', '1,000', '45', '4.5%'],
      ['Orders, "v2"', '250', '5', '2%'],
    ]);
    expect(cells(screen.getByRole('table', { name: 'Top applications' }))).toEqual([
      ['Application', 'Requests', 'Errors', 'Error rate'],
      ['DefaultApplication', '1,200', '10', '0.8%'],
    ]);
    expect(cells(screen.getByRole('table', { name: 'Errors by type' }))).toEqual([
      ['Type', 'Requests'],
      ['auth', '40'],
      ['target_error', '7'],
      ['throttled', '3'],
    ]);
    expect(screen.getByRole('figure', { name: 'Traffic over time' })).toBeInTheDocument();
  });

  it('exports a table as CSV, escaping commas and quotes', async () => {
    let saved: Blob | undefined;
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn((b: Blob) => ((saved = b), 'blob:csv')), revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('top-apis-20250301T1100Z-20250301T1200Z.csv');
      expect(this.href).toBe('blob:csv');
    });
    renderDashboard();
    const section = await screen.findByRole('region', { name: 'Top APIs' });
    await userEvent.setup().click(within(section).getByRole('button', { name: 'Export CSV' }));
    expect(click).toHaveBeenCalledOnce();
    expect(await saved!.text()).toBe('API,Requests,Errors\r\nPizzaShackAPI,1000,45\r\n"Orders, ""v2""",250,5\r\n');
  });

  it('asks for the last hour first, and for the chosen range after a change', async () => {
    const f = renderDashboard();
    await screen.findByRole('table', { name: 'Top APIs' });
    expect(variables(f, 0)).toEqual({ from: '2025-03-01T11:00:00.000Z', to: '2025-03-01T12:00:00.000Z' });

    const user = userEvent.setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Time range' }), 'Last 15 minutes');
    await vi.waitFor(() => expect(f.calls).toHaveLength(2));
    expect(variables(f, 1)).toEqual({ from: '2025-03-01T11:45:00.000Z', to: '2025-03-01T12:00:00.000Z' });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Time range' }), 'Last 7 days');
    await vi.waitFor(() => expect(f.calls).toHaveLength(3));
    expect(variables(f, 2)).toEqual({ from: '2025-02-22T12:00:00.000Z', to: '2025-03-01T12:00:00.000Z' });
  });

  it('narrows to an API or a user picked in the filters', async () => {
    const f = renderDashboard();
    await screen.findByRole('table', { name: 'Top APIs' });
    const user = userEvent.setup();
    const filters = screen.getByRole('group', { name: 'Filters' });
    await user.selectOptions(within(filters).getByRole('combobox', { name: 'API' }), 'PizzaShackAPI');
    await vi.waitFor(() => expect(f.calls).toHaveLength(2));
    expect(variables(f, 1)).toEqual({ from: '2025-03-01T11:00:00.000Z', to: '2025-03-01T12:00:00.000Z', apiID: 'PizzaShackAPI' });
    await user.selectOptions(within(filters).getByRole('combobox', { name: 'User' }), 'subscriber');
    await vi.waitFor(() => expect(f.calls).toHaveLength(3));
    expect(variables(f, 2)).toMatchObject({ apiID: 'PizzaShackAPI', user: 'subscriber' });
  });

  it('refetches every 10 seconds while Live is on', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const f = renderDashboard(undefined, () => Date.now());
      await screen.findByRole('table', { name: 'Top APIs' });
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      // Turning Live on asks at once, then every 10 s for a window ending then.
      await user.click(screen.getByRole('switch', { name: 'Live' }));
      await vi.waitFor(() => expect(f.calls).toHaveLength(2));
      await vi.advanceTimersByTimeAsync(10_000);
      await vi.waitFor(() => expect(f.calls).toHaveLength(3));
      const [second, third] = [variables(f, 1), variables(f, 2)];
      expect(Date.parse(third.to) - Date.parse(second.to)).toBeGreaterThanOrEqual(10_000);
      expect(Date.parse(third.to) - Date.parse(third.from)).toBe(60 * 60_000);

      await user.click(screen.getByRole('switch', { name: 'Live' }));
      await vi.advanceTimersByTimeAsync(30_000);
      expect(f.calls).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says so when there was no traffic', async () => {
    renderDashboard(() => ({ body: emptyTrafficReply }));
    expect(await screen.findByText(/No traffic in this period/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the server error in a banner', async () => {
    renderDashboard(() => ({
      body: { data: null, errors: [{ message: 'from must be before to', extensions: { code: 'BAD_USER_INPUT', field: 'from' } }] },
    }));
    expect(await screen.findByRole('alert')).toHaveTextContent('from must be before to');
  });
});
