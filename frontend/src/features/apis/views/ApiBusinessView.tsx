import { useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import type { CorsInput, TrafficControlsInput } from '../../../gql/graphql';
import { errorMessage, toFormErrors } from '../../../lib/errors';
import { ApiPage } from '../components/ApiPage';
import { BusinessForm, type BusinessValues } from '../components/BusinessForm';
import { CorsForm } from '../components/CorsForm';
import { ThumbnailForm } from '../components/ThumbnailForm';
import { TrafficControlsForm } from '../components/TrafficControlsForm';
import {
  setApiThumbnailMutation,
  updateApiBusinessMutation,
  updateApiCorsMutation,
  updateApiTrafficControlsMutation,
} from '../mutations';
import { apiBusinessQuery } from '../queries';

/** "Basic info": the business data, thumbnail and CORS policy of an API. */
export function ApiBusinessView() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: apiBusinessQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const [business, saveBusiness] = useMutation(updateApiBusinessMutation);
  const [cors, saveCors] = useMutation(updateApiCorsMutation);
  const [thumb, setThumb] = useMutation(setApiThumbnailMutation);
  const [traffic, saveTraffic] = useMutation(updateApiTrafficControlsMutation);
  const [notice, setNotice] = useState<string | null>(null);

  const api = data?.apis.edges?.[0]?.node ?? null;
  const tiers = (data?.throttlingTiers.edges ?? []).flatMap((e) => (e?.node ? [e.node.name] : []));

  async function onBusiness(v: BusinessValues) {
    setNotice(null);
    const res = await saveBusiness({ id, input: v });
    if (!res.error) setNotice('Business information saved.');
  }
  async function onCors(v: CorsInput) {
    setNotice(null);
    const res = await saveCors({ id, input: v });
    if (!res.error) setNotice('CORS saved. Deploy a new revision to apply it at the gateway.');
  }

  async function onTraffic(v: TrafficControlsInput) {
    setNotice(null);
    const res = await saveTraffic({ id, input: v });
    if (!res.error) setNotice('Traffic controls saved. Deploy a new revision to apply them at the gateway.');
  }

  return (
    <ApiPage id={id} api={api} fetching={fetching} error={error} hasData={Boolean(data)}>
      {(api) => (
        <>
          {notice && <Banner kind="success">{notice}</Banner>}
          <section className="section" aria-labelledby="thumbnail-title">
            <h2 id="thumbnail-title">Thumbnail</h2>
            <ThumbnailForm
              url={api.thumbnailURL}
              busy={thumb.fetching}
              error={thumb.error ? errorMessage(thumb.error) : null}
              onUpload={(name, contentBase64) => setThumb({ id, file: { name, contentBase64 } })}
              onRemove={() => setThumb({ id, file: null })}
            />
          </section>
          <section className="section" aria-labelledby="business-title">
            <h2 id="business-title">Business information</h2>
            <BusinessForm
              // A save changes updatedAt: the form then shows what the server stored (normalized).
              key={`${api.id}-${api.updatedAt}`}
              initial={{
                description: api.description,
                tags: api.tags ?? [],
                categories: (api.categories ?? []).map((c) => c.name),
                businessOwner: { name: api.businessOwnerName, email: api.businessOwnerEmail },
                technicalOwner: { name: api.technicalOwnerName, email: api.technicalOwnerEmail },
                visibility: api.visibility,
                visibleRoles: api.visibleRoles ?? [],
                subscriptionTiers: api.subscriptionTiers ?? [],
              }}
              tiers={tiers}
              knownCategories={(data?.apiCategories ?? []).map((c) => c.name)}
              onSubmit={onBusiness}
              errors={toFormErrors(business.error)}
              submitting={business.fetching}
            />
          </section>
          {(api.type === 'GRAPHQL' || api.type === 'WS') && (
            <section className="section" aria-labelledby="traffic-title">
              <h2 id="traffic-title">Traffic controls</h2>
              <TrafficControlsForm
                key={`${api.id}-${api.updatedAt}`}
                kind={api.type === 'GRAPHQL' ? 'GRAPHQL' : 'WS'}
                initial={api.trafficControls}
                fields={api.graphqlFields}
                onSubmit={onTraffic}
                errors={toFormErrors(traffic.error)}
                submitting={traffic.fetching}
              />
            </section>
          )}
          <section className="section" aria-labelledby="cors-title">
            <h2 id="cors-title">CORS</h2>
            <CorsForm
              key={`${api.id}-${api.updatedAt}`}
              initial={{ ...api.cors }}
              onSubmit={onCors}
              errors={toFormErrors(cors.error)}
              submitting={cors.fetching}
            />
          </section>
        </>
      )}
    </ApiPage>
  );
}
