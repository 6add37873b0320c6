import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { PageHeader } from '../../../components/PageHeader';
import { errorMessage } from '../../../lib/errors';
import type { TrafficQuery } from '../../../gql/graphql';
import { FilterBar, mergeOptions, type FilterOption, type TrafficFilters } from '../components/FilterBar';
import { RangeControls } from '../components/RangeControls';
import { TrafficReport } from '../components/TrafficReport';
import { trafficQuery } from '../queries';
import { defaultRange, liveIntervalMs, rangeVariables, type TimeRangeId } from '../ranges';
import '../analytics.css';

export interface TrafficDashboardProps {
  /** The page's heading: "Analytics", "Usage", "Platform health". */
  title: string;
  /** Now, in ms; tests pin it. */
  now?: () => number;
}

/**
 * The traffic the viewer may see (the server scopes it by role: a publisher's or admin's
 * organization, a subscriber's applications) over a chosen period, optionally live.
 */
export function TrafficDashboard({ title, now = Date.now }: TrafficDashboardProps) {
  const [range, setRange] = useState<TimeRangeId>(defaultRange);
  const [live, setLive] = useState(false);
  // The end of the period; moving it asks again, the window sliding with it.
  const [end, setEnd] = useState(now);
  const refresh = () => setEnd(now());

  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setEnd(now()), liveIntervalMs);
    return () => clearInterval(timer);
  }, [live, now]);

  const [filters, setFilters] = useState<TrafficFilters>({});
  const variables = useMemo(() => ({ ...rangeVariables(range, end), ...filters }), [range, end, filters]);
  const [{ data, fetching, error }] = useQuery({ query: trafficQuery, variables, requestPolicy: 'network-only' });

  // Keep showing the last answer while the next one loads, so Live does not flicker.
  const last = useRef<TrafficQuery | undefined>(undefined);
  if (data) last.current = data;
  const shown = data ?? last.current;
  // The selects offer every API, application and user seen in an answer so far.
  const options = useRef<{ apis: FilterOption[]; applications: FilterOption[]; users: FilterOption[] }>({
    apis: [],
    applications: [],
    users: [],
  });
  if (data) {
    options.current = {
      apis: mergeOptions(options.current.apis, data.traffic.topAPIs),
      applications: mergeOptions(options.current.applications, data.traffic.topApplications),
      users: mergeOptions(options.current.users, data.traffic.topUsers),
    };
  }

  return (
    <>
      <PageHeader
        title={title}
        actions={
          <RangeControls
            range={range}
            onRangeChange={(r) => {
              setRange(r);
              setEnd(now());
            }}
            live={live}
            onLiveChange={(on) => {
              setLive(on);
              if (on) setEnd(now());
            }}
            onRefresh={refresh}
            updatedAt={new Date(end)}
          />
        }
      />
      <FilterBar
        filters={filters}
        onChange={(f) => {
          setFilters(f);
          setEnd(now());
        }}
        {...options.current}
      />
      {error && <Banner>{errorMessage(error)}</Banner>}
      {shown ? (
        <TrafficReport traffic={shown.traffic} fileSuffix={fileSuffix(variables.from, variables.to)} />
      ) : (
        fetching && (
          <p className="muted" role="status">
            Loading…
          </p>
        )
      )}
    </>
  );
}

/** "20240102T1500Z-20240102T1600Z": the period, safe in a file name. */
function fileSuffix(from: string, to: string): string {
  const compact = (iso: string) => iso.slice(0, 16).replace(/[-:]/g, '') + 'Z';
  return `${compact(from)}-${compact(to)}`;
}
