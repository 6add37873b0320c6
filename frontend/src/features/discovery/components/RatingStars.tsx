/** An average rating as text and stars, e.g. "★★★★☆ 4.3 (3 ratings)". */
export function RatingSummaryText({ average, count }: { average: number; count: number }) {
  if (count === 0) return <span className="muted rating">Not rated yet</span>;
  const full = Math.round(average);
  return (
    <span className="rating" aria-label={`Rated ${average.toFixed(1)} out of 5 by ${count} ${count === 1 ? 'user' : 'users'}`}>
      <span aria-hidden="true" className="stars">
        {'★'.repeat(full)}
        {'☆'.repeat(5 - full)}
      </span>{' '}
      {average.toFixed(1)} <span className="muted">({count})</span>
    </span>
  );
}

interface PickerProps {
  mine: number | null | undefined;
  onRate: (stars: number) => void;
  onClear: () => void;
  busy: boolean;
}

/** Five buttons to rate 1-5; the viewer's current rating is pressed. */
export function RatingPicker({ mine, onRate, onClear, busy }: PickerProps) {
  return (
    <div className="rating-picker" role="group" aria-label="Your rating">
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          key={n}
          type="button"
          className={mine && n <= mine ? 'star on' : 'star'}
          aria-pressed={mine === n}
          aria-label={`${n} ${n === 1 ? 'star' : 'stars'}`}
          disabled={busy}
          onClick={() => onRate(n)}
        >
          ★
        </button>
      ))}
      {mine ? (
        <button type="button" className="button" onClick={onClear} disabled={busy}>
          Remove my rating
        </button>
      ) : null}
    </div>
  );
}
