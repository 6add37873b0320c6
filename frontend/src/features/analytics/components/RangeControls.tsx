import { isTimeRangeId, timeRanges, type TimeRangeId } from '../ranges';

export interface RangeControlsProps {
  range: TimeRangeId;
  onRangeChange: (range: TimeRangeId) => void;
  live: boolean;
  onLiveChange: (live: boolean) => void;
  onRefresh: () => void;
  /** When the numbers shown were asked for. */
  updatedAt: Date;
}

/** The period picker, the Live switch (refetch every 10 s) and a manual refresh. */
export function RangeControls({ range, onRangeChange, live, onLiveChange, onRefresh, updatedAt }: RangeControlsProps) {
  return (
    <div className="traffic-controls">
      <label>
        Time range
        <select
          value={range}
          onChange={(e) => {
            if (isTimeRangeId(e.target.value)) onRangeChange(e.target.value);
          }}
        >
          {timeRanges.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" role="switch" checked={live} onChange={(e) => onLiveChange(e.target.checked)} />
        Live
      </label>
      <button type="button" className="button" onClick={onRefresh}>
        Refresh
      </button>
      <span className="muted traffic-updated" aria-live="polite">
        Updated {updatedAt.toLocaleTimeString()}
      </span>
    </div>
  );
}
