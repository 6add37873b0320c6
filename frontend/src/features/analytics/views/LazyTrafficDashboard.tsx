import { lazy, Suspense } from 'react';
import type { TrafficDashboardProps } from './TrafficDashboard';

// The charts library is large; load it only when a dashboard is opened.
const TrafficDashboard = lazy(() => import('./TrafficDashboard').then((m) => ({ default: m.TrafficDashboard })));

/** TrafficDashboard, loaded on first use. */
export function LazyTrafficDashboard(props: TrafficDashboardProps) {
  return (
    <Suspense
      fallback={
        <p className="muted" role="status">
          Loading…
        </p>
      }
    >
      <TrafficDashboard {...props} />
    </Suspense>
  );
}
