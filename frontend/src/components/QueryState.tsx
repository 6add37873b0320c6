import type { ReactNode } from 'react';
import type { CombinedError } from '@urql/core';
import { errorMessage } from '../lib/errors';
import { Banner } from './Banner';

/** Renders loading and error states of a query, and the children once data is there. */
export function QueryState({ fetching, error, hasData, children }: { fetching: boolean; error?: CombinedError; hasData: boolean; children: ReactNode }) {
  if (error && !hasData) return <Banner>{errorMessage(error)}</Banner>;
  if (fetching && !hasData) return <p className="muted" role="status">Loading…</p>;
  return <>{children}</>;
}
