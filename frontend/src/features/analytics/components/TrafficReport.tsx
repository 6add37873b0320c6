import { ErrorsByType, type ErrorTypeCount } from './ErrorsByType';
import { StatTiles, type TrafficTotals } from './StatTiles';
import { TopTable, type TrafficCount } from './TopTable';
import { TrafficChart, type TrafficPoint } from './TrafficChart';

export interface TrafficReportData extends TrafficTotals {
  bucketSeconds: number;
  series: TrafficPoint[];
  topAPIs: TrafficCount[];
  topApplications: TrafficCount[];
  errorsByType: ErrorTypeCount[];
}

/** Everything the dashboard shows about one period, or an empty state when nothing was called. */
export function TrafficReport({ traffic, fileSuffix }: { traffic: TrafficReportData; fileSuffix: string }) {
  if (traffic.requests === 0) {
    return (
      <p className="empty section" role="status">
        No traffic in this period. Calls through the gateway show up here within seconds.
      </p>
    );
  }
  return (
    <>
      <section className="section" aria-label="Totals">
        <StatTiles totals={traffic} />
      </section>
      <div className="section chart-grid">
        <TrafficChart series={traffic.series} bucketSeconds={traffic.bucketSeconds} />
        <ErrorsByType errors={traffic.errorsByType} />
      </div>
      <TopTable title="Top APIs" nameHeader="API" rows={traffic.topAPIs} filename={`top-apis-${fileSuffix}.csv`} />
      <TopTable
        title="Top applications"
        nameHeader="Application"
        rows={traffic.topApplications}
        filename={`top-applications-${fileSuffix}.csv`}
      />
    </>
  );
}
