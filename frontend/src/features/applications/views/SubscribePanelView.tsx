import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { errorMessage, toFormErrors } from '../../../lib/errors';
import { SubscribeForm, type SubscribeFormValues } from '../components/SubscribeForm';
import { subscribeMutation } from '../mutations';
import { applicationListQuery } from '../queries';
import { applicationUrls } from '../urls';
import { useTiers } from './useTiers';

/** The Subscribe panel of an API's page: one of the viewer's applications, a tier, Subscribe. */
export function SubscribePanelView({ apiID }: { apiID: string }) {
  const [apps] = useQuery({ query: applicationListQuery, requestPolicy: 'cache-and-network' });
  const tiers = useTiers('SUBSCRIPTION');
  const [{ fetching, error }, subscribe] = useMutation(subscribeMutation);
  const [done, setDone] = useState<{ id: string; name: string; tier: string; held: boolean } | null>(null);

  const applications = (apps.data?.applications.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));

  async function submit(v: SubscribeFormValues) {
    setDone(null);
    const res = await subscribe({ input: { applicationID: v.applicationID, apiID, tier: v.tier } }, { additionalTypenames: ['Application', 'APISubscription'] });
    if (res.data) {
      const s = res.data.subscribe;
      setDone({ id: s.application.id, name: s.application.name, tier: s.throttlingTier, held: s.status === 'ON_HOLD' });
    }
  }

  const loadError = apps.error ?? tiers.error;
  if (loadError && (!apps.data || !tiers.hasData)) return <Banner>{errorMessage(loadError)}</Banner>;
  if (!apps.data || !tiers.hasData) return <p className="muted" role="status">Loading…</p>;

  return (
    <SubscribeForm
      applications={applications}
      tiers={tiers.tiers}
      onSubmit={submit}
      errors={toFormErrors(error)}
      submitting={fetching}
      notice={
        done && (
          <>
            Subscribed <Link to={applicationUrls.detail(done.id)}>{done.name}</Link> with tier {done.tier}.
            {done.held && ' The tier requires approval: the subscription works once an admin approves it.'}
          </>
        )
      }
      createApplication={
        <Link className="button" to={applicationUrls.create()}>
          Create application
        </Link>
      }
    />
  );
}
