import type { ReactNode } from 'react';

/** A message across the top of a form or page; errors and warnings are announced to screen readers. */
export function Banner({ kind = 'error', children }: { kind?: 'error' | 'success' | 'warning'; children: ReactNode }) {
  return (
    <div className={`banner ${kind}`} role={kind === 'success' ? 'status' : 'alert'}>
      {children}
    </div>
  );
}
