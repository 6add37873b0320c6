import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBucket } from '../format';
import { chartColors } from './chartColors';

export interface TrafficPoint {
  time: string;
  requests: number;
  errors: number;
}

/** Requests (line) and errors (red bars) per bucket over the period. */
export function TrafficChart({ series, bucketSeconds }: { series: TrafficPoint[]; bucketSeconds: number }) {
  const data = series.map((p) => ({ ...p, label: formatBucket(p.time, bucketSeconds) }));
  return (
    <figure className="chart" aria-labelledby="traffic-chart-title">
      <h2 id="traffic-chart-title">Traffic over time</h2>
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" minTickGap={24} tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} width={48} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend />
          <Bar dataKey="errors" name="Errors" fill={chartColors.errors} isAnimationActive={false} />
          <Line dataKey="requests" name="Requests" type="monotone" stroke={chartColors.requests} strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
