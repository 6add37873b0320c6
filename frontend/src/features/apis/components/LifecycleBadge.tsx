import type { ApiLifecycleStatus } from '../../../gql/graphql';

export function LifecycleBadge({ status }: { status: ApiLifecycleStatus }) {
  return <span className={`badge lifecycle-${status.toLowerCase()}`}>{status.charAt(0) + status.slice(1).toLowerCase()}</span>;
}
