import { useQuery } from 'urql';
import type { ThrottlingTierLevel } from '../../../gql/graphql';
import { throttlingTiersQuery } from '../queries';

/** The organization's throttling tiers of one level, and the query's state. */
export function useTiers(level: ThrottlingTierLevel) {
  const [{ data, fetching, error }] = useQuery({ query: throttlingTiersQuery, variables: { level } });
  const tiers = (data?.throttlingTiers.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return { tiers, fetching, error, hasData: Boolean(data) };
}
