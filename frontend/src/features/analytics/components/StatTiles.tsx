import { useId } from 'react';
import { formatCount, formatMs, formatRate } from '../format';
import '../analytics.css';

export interface TrafficTotals {
  requests: number;
  errors: number;
  throttled: number;
  p50: number;
  p95: number;
  p99: number;
}

/** The totals of a period; each tile is a group named by its label, its value marked stat-value. */
export function StatTiles({ totals }: { totals: TrafficTotals }) {
  const { requests, errors, throttled, p50, p95, p99 } = totals;
  return (
    <div className="stat-tiles">
      <Tile label="Requests" value={formatCount(requests)} />
      <Tile label="Errors" value={formatCount(errors)} bad={errors > 0} />
      <Tile label="Error rate" value={formatRate(errors, requests)} bad={errors > 0} />
      <Tile label="Throttled" value={formatCount(throttled)} bad={throttled > 0} />
      <Tile label="p50 latency" value={formatMs(p50)} />
      <Tile label="p95 latency" value={formatMs(p95)} />
      <Tile label="p99 latency" value={formatMs(p99)} />
    </div>
  );
}

function Tile({ label, value, bad = false }: { label: string; value: string; bad?: boolean }) {
  const id = useId();
  return (
    <div className={bad ? 'stat-tile bad' : 'stat-tile'} role="group" aria-labelledby={id}>
      <div className="stat-label" id={id}>
        {label}
      </div>
      <div className="stat-value" data-testid="stat-value">
        {value}
      </div>
    </div>
  );
}
