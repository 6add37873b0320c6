import { ErrorsByType, type ErrorTypeCount } from './ErrorsByType';
import { StatTiles, type TrafficTotals } from './StatTiles';
import { TopTable, type TrafficCount } from './TopTable';
import { LatencyChart, type LatencyPoint } from './LatencyChart';
import { TrafficChart, type TrafficPoint } from './TrafficChart';

export interface TrafficReportData extends TrafficTotals {
  bucketSeconds: number;
  series: (TrafficPoint & LatencyPoint)[];
  topAPIs: TrafficCount[];
  topApplications: TrafficCount[];
  topUsers: TrafficCount[];
  topResources: TrafficCount[];
  topCountries: TrafficCount[];
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
      <div className="section">
        <LatencyChart series={traffic.series} bucketSeconds={traffic.bucketSeconds} />
      </div>
      <TopTable title="Top APIs" nameHeader="API" rows={traffic.topAPIs} filename={`top-apis-${fileSuffix}.csv`} />
      <TopTable
        title="Top applications"
        nameHeader="Application"
        rows={traffic.topApplications}
        filename={`top-applications-${fileSuffix}.csv`}
      />
      <TopTable title="Top users" nameHeader="User" rows={traffic.topUsers} filename={`top-users-${fileSuffix}.csv`} />
      <TopTable
        title="Top resources"
        nameHeader="Resource"
        rows={traffic.topResources}
        filename={`top-resources-${fileSuffix}.csv`}
      />
      {traffic.topCountries.length > 0 && (
        <TopTable
          title="Top countries"
          nameHeader="Country"
          rows={traffic.topCountries}
          filename={`top-countries-${fileSuffix}.csv`}
        />
      )}
    </>
  );
}
