import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBucket } from '../format';
import { chartColors } from './chartColors';

export interface LatencyPoint {
  time: string;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Latency percentiles per bucket (ms, to the histogram bucket); buckets without calls are gaps. */
export function LatencyChart({ series, bucketSeconds }: { series: LatencyPoint[]; bucketSeconds: number }) {
  const data = series.map((p) => ({
    label: formatBucket(p.time, bucketSeconds),
    p50: p.requests > 0 ? p.p50 : null,
    p95: p.requests > 0 ? p.p95 : null,
    p99: p.requests > 0 ? p.p99 : null,
  }));
  return (
    <figure className="chart" aria-labelledby="latency-chart-title">
      <h2 id="latency-chart-title">Latency (ms)</h2>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" minTickGap={24} tick={{ fontSize: 12 }} />
          <YAxis width={56} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend />
          <Line dataKey="p50" name="p50" stroke={chartColors.p50} dot={{ r: 2 }} isAnimationActive={false} connectNulls={false} />
          <Line dataKey="p95" name="p95" stroke={chartColors.p95} dot={{ r: 2 }} isAnimationActive={false} connectNulls={false} />
          <Line dataKey="p99" name="p99" stroke={chartColors.p99} dot={{ r: 2 }} isAnimationActive={false} connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
