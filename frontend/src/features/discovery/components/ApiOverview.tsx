import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { DevPortalApiQuery } from '../../../gql/graphql';
import { resourceUrl, sampleResource } from '../samples';
import { discoveryUrls } from '../urls';
import { ApiDocuments } from './ApiDocuments';
import { CodeSamples } from './CodeSamples';
import { ResourceList } from './ResourceList';
import { TierList } from './TierList';

export type PublishedApi = DevPortalApiQuery['catalogueAPI'];

function Owner({ name, email }: { name: string; email: string }) {
  if (!name && !email) return <span className="muted">Not named</span>;
  return email ? <a href={`mailto:${email}`}>{name || email}</a> : <>{name}</>;
}

/**
 * What a consumer sees of a published API: overview (description, tags, categories, owners),
 * endpoints per environment, tiers, documents, resources and code samples; `subscribe` is the
 * slot the portal fills with the subscription form.
 */
export function ApiOverview({ api, subscribe }: { api: PublishedApi; subscribe?: ReactNode }) {
  const resources = api.operations ?? [];
  const sample = sampleResource(resources);
  const base = api.gatewayEndpoints[0]?.url;
  const url = base ? resourceUrl(base, sample?.target ?? '/') : null;
  const tags = api.tags ?? [];
  const categories = api.categories ?? [];
  // Every HTTP API can be tried: one without an OpenAPI document gets one built from its resources.
  const tryable = api.type === 'HTTP' || api.type === 'GRAPHQL';
  return (
    <>
      <dl className="details">
        <dt>Version</dt>
        <dd data-testid="api-version">
          {api.version} {api.lifecycleStatus === 'DEPRECATED' && <span className="badge badge-warn">Deprecated</span>}
        </dd>
        <dt>Description</dt>
        <dd className={api.description ? '' : 'muted'}>{api.description || 'No description.'}</dd>
        <dt>Tags</dt>
        <dd>
          {tags.length === 0 ? (
            <span className="muted">None</span>
          ) : (
            <ul className="tag-list" aria-label="Tags">
              {tags.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Categories</dt>
        <dd>{categories.length === 0 ? <span className="muted">None</span> : categories.map((c) => c.name).join(', ')}</dd>
        <dt>Business owner</dt>
        <dd>
          <Owner name={api.businessOwnerName} email={api.businessOwnerEmail} />
        </dd>
        <dt>Technical owner</dt>
        <dd>
          <Owner name={api.technicalOwnerName} email={api.technicalOwnerEmail} />
        </dd>
      </dl>

      <section className="section" aria-labelledby="invocation-urls-title">
        <h2 id="invocation-urls-title">Endpoints</h2>
        {api.gatewayEndpoints.length === 0 ? (
          <p className="empty">Not deployed to a gateway yet.</p>
        ) : (
          <ul className="urls" aria-label="Invocation URLs">
            {api.gatewayEndpoints.map((e) => (
              <li key={e.environment}>
                <span className="muted">{e.displayName || e.environment}:</span> <code>{e.url}</code>
              </li>
            ))}
          </ul>
        )}
        {tryable && api.gatewayEndpoints.length > 0 && (
          <p>
            <Link to={discoveryUrls.console(api.id)}>Definition and Try it console</Link>
          </p>
        )}
      </section>

      {subscribe}

      <TierList tiers={api.offeredTiers} />

      <ApiDocuments documents={api.documents ?? []} />

      <ResourceList resources={resources} />

      <CodeSamples url={url} resource={sample ? `${sample.method} ${sample.target}` : null} />
    </>
  );
}
