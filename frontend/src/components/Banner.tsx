import type { ReactNode } from 'react';

/** A message across the top of a form or page; errors are announced to screen readers. */
export function Banner({ kind = 'error', children }: { kind?: 'error' | 'success'; children: ReactNode }) {
  return (
    <div className={`banner ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
