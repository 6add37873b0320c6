import type { ReactNode } from 'react';
import type { PublisherApiDetailQuery } from '../../../gql/graphql';
import { LifecycleBadge } from './LifecycleBadge';
import type { NewResource } from './AddResourceForm';
import { ResourceTable, type ResourceSettings } from './ResourceTable';

type ApiNode = NonNullable<NonNullable<NonNullable<PublisherApiDetailQuery['apis']['edges']>[number]>['node']>;

/**
 * What the publisher sees of one API: its settings, lifecycle (the `lifecycle` slot, which
 * the view fills with its actions), resources, URLs and deployments.
 */
export function ApiDetails({
  api,
  lifecycle,
  onSaveResource,
  resourceError,
  onAddResource,
  addingResource,
  addResourceErrors,
  onDeleteResource,
  deletingResource,
}: {
  api: ApiNode;
  lifecycle?: ReactNode;
  onSaveResource?: (id: string, v: ResourceSettings) => Promise<boolean>;
  resourceError?: string | null;
  onAddResource?: (r: NewResource) => Promise<boolean>;
  addingResource?: boolean;
  addResourceErrors?: Record<string, string>;
  onDeleteResource?: (id: string) => Promise<boolean>;
  deletingResource?: boolean;
}) {
  const deployments = api.deployments ?? [];
  return (
    <>
      {api.thumbnailURL && <img src={api.thumbnailURL} alt="" className="thumbnail" width={64} height={64} />}
      <dl className="details">
        <dt>Context</dt>
        <dd data-testid="api-context">
          <code>/{api.context}</code>
        </dd>
        <dt>Version</dt>
        <dd data-testid="api-version">
          {api.version}
          {api.isDefaultVersion && <span className="badge">default</span>}
        </dd>
        <dt>Endpoint</dt>
        <dd data-testid="api-endpoint">
          <code>{api.productionEndpoint}</code>
        </dd>
        <dt>Lifecycle</dt>
        <dd data-testid="api-lifecycle">
          <LifecycleBadge status={api.lifecycleStatus} />
        </dd>
        {api.tags && api.tags.length > 0 && (
          <>
            <dt>Tags</dt>
            <dd data-testid="api-tags">
              {api.tags.map((t) => (
                <span key={t} className="badge">
                  {t}
                </span>
              ))}
            </dd>
          </>
        )}
        {api.categories && api.categories.length > 0 && (
          <>
            <dt>Categories</dt>
            <dd>{api.categories.map((c) => c.name).join(', ')}</dd>
          </>
        )}
        {api.visibility && (
          <>
            <dt>Visibility</dt>
            <dd data-testid="api-visibility">
              {api.visibility === 'RESTRICTED' ? `Restricted to ${(api.visibleRoles ?? []).join(', ')}` : 'Public'}
            </dd>
          </>
        )}
        {api.subscriptionTiers && (
          <>
            <dt>Tiers offered</dt>
            <dd data-testid="api-tiers">{api.subscriptionTiers.length ? api.subscriptionTiers.join(', ') : <span className="muted">none</span>}</dd>
          </>
        )}
        {api.businessOwnerName && (
          <>
            <dt>Business owner</dt>
            <dd>
              {api.businessOwnerName}
              {api.businessOwnerEmail && <span className="muted"> &lt;{api.businessOwnerEmail}&gt;</span>}
            </dd>
          </>
        )}
        <dt>Revisions</dt>
        <dd data-testid="api-revisions">{api.revisions.totalCount}</dd>
        {api.description && (
          <>
            <dt>Description</dt>
            <dd>{api.description}</dd>
          </>
        )}
      </dl>

      {lifecycle}

      <ResourceTable
        resources={api.operations ?? []}
        onSave={onSaveResource}
        error={resourceError}
        definedScopes={(api.scopeDefinitions ?? []).map((s) => s.name)}
        onAdd={onAddResource}
        adding={addingResource}
        addErrors={addResourceErrors}
        onDelete={onDeleteResource}
        deleting={deletingResource}
      />

      <section className="section" aria-labelledby="invocation-urls-title">
        <h2 id="invocation-urls-title">Invocation URLs</h2>
        {api.invocationURLs.length === 0 ? (
          <p className="empty">Not deployed yet.</p>
        ) : (
          <ul className="urls" aria-labelledby="invocation-urls-title">
            {api.invocationURLs.map((url) => (
              <li key={url}>
                <code>{url}</code>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="section" aria-labelledby="deployments-title">
        <h2 id="deployments-title">Deployments</h2>
        {deployments.length === 0 ? (
          <p className="empty">No deployments.</p>
        ) : (
          <table className="table" aria-labelledby="deployments-title">
            <thead>
              <tr>
                <th scope="col">Environment</th>
                <th scope="col">Revision</th>
                <th scope="col">Deployed at</th>
              </tr>
            </thead>
            <tbody>
              {deployments.map((d) => (
                <tr key={d.id}>
                  <td>{d.environment.displayName || d.environment.name}</td>
                  <td>{d.revision.number}</td>
                  <td>{formatTime(d.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}
