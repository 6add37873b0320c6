const counts = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return counts.format(n);
}

/** errors / requests as a percentage with one decimal; 0% without requests. */
export function formatRate(errors: number, requests: number): string {
  if (requests <= 0) return '0%';
  return `${((errors / requests) * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

export function formatMs(ms: number): string {
  return `${ms < 10 ? ms.toFixed(1).replace(/\.0$/, '') : Math.round(ms)} ms`;
}

/** A bucket's start on the time axis: the time of day, with the date once buckets are an hour or more. */
export function formatBucket(iso: string, bucketSeconds: number): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions =
    bucketSeconds >= 3600 ? { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' } : { hour: '2-digit', minute: '2-digit' };
  return d.toLocaleString(undefined, options);
}
