import type { ReactNode } from 'react';
import type { DevPortalApiQuery } from '../../../gql/graphql';
import { resourceUrl, sampleResource } from '../samples';
import { CodeSamples } from './CodeSamples';
import { ResourceList } from './ResourceList';

export type PublishedApi = NonNullable<NonNullable<NonNullable<DevPortalApiQuery['apis']['edges']>[number]>['node']>;

/**
 * What a consumer sees of a published API: overview, invocation URLs, resources and code
 * samples; `subscribe` is the slot the portal fills with the subscription form.
 */
export function ApiOverview({ api, subscribe }: { api: PublishedApi; subscribe?: ReactNode }) {
  const resources = api.operations ?? [];
  const sample = sampleResource(resources);
  const base = api.invocationURLs[0];
  const url = base ? resourceUrl(base, sample?.target ?? '/') : null;
  return (
    <>
      <dl className="details">
        <dt>Version</dt>
        <dd data-testid="api-version">{api.version}</dd>
        <dt>Description</dt>
        <dd className={api.description ? '' : 'muted'}>{api.description || 'No description.'}</dd>
      </dl>

      <section className="section" aria-labelledby="invocation-urls-title">
        <h2 id="invocation-urls-title">Invocation URLs</h2>
        {api.invocationURLs.length === 0 ? (
          <p className="empty">Not deployed to a gateway yet.</p>
        ) : (
          <ul className="urls" aria-labelledby="invocation-urls-title">
            {api.invocationURLs.map((u) => (
              <li key={u}>
                <code>{u}</code>
              </li>
            ))}
          </ul>
        )}
      </section>

      {subscribe}

      <ResourceList resources={resources} />

      <CodeSamples url={url} resource={sample ? `${sample.method} ${sample.target}` : null} />
    </>
  );
}
