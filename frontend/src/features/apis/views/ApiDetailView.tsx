import { useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { ConfirmDelete } from '../../../components/ConfirmDelete';
import { useMay } from '../../../lib/access';
import type { LifecycleAction } from '../../../gql/graphql';
import { errorMessage, toFormErrors } from '../../../lib/errors';
import { ApiDetails } from '../components/ApiDetails';
import { ApiPage } from '../components/ApiPage';
import { BreakingChangesPanel } from '../components/BreakingChangesPanel';
import { DefinitionPanel } from '../components/DefinitionPanel';
import { LifecyclePanel, type PublishOptions } from '../components/LifecyclePanel';
import { NewVersionForm } from '../components/NewVersionForm';
import { ServiceDriftPanel } from '../components/ServiceDriftPanel';
import {
  addApiOperationMutation,
  changeApiLifecycleMutation,
  createNewVersionMutation,
  deleteApiMutation,
  deleteApiOperationMutation,
  deployApiMutation,
  publishApiMutation,
  updateApiOperationMutation,
  updateApiFromServiceMutation,
} from '../mutations';
import { apiDefinitionQuery, apiDetailQuery } from '../queries';
import type { ResourceSettings } from '../components/ResourceTable';
import type { NewResource } from '../components/AddResourceForm';
import { ExportedDefinitionPanel } from '../components/ExportedDefinitionPanel';
import { useDefinitionSave } from '../definitionSave';
import { apiUrls } from '../urls';

/**
 * productOperations renders a product's bundled-operations editor: the products feature owns
 * it, and the portal, which composes features, passes it in.
 */
export function ApiDetailView({ productOperations }: { productOperations?: (id: string) => ReactNode } = {}) {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const mayManage = useMay('api:manage');
  const mayPublish = useMay('api:publish');
  const [{ data, fetching, error }, refetch] = useQuery({ query: apiDetailQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const [definitionResult, refetchDefinition] = useQuery({ query: apiDefinitionQuery, variables: { id } });
  const definitionSave = useDefinitionSave(id, () => {
    refetchDefinition({ requestPolicy: 'network-only' });
    refetch({ requestPolicy: 'network-only' });
  });
  const definition = definitionResult.data?.apis.edges?.[0]?.node ?? null;
  const [deploy, deployApi] = useMutation(deployApiMutation);
  const [remove, deleteApi] = useMutation(deleteApiMutation);
  const [lifecycle, changeLifecycle] = useMutation(changeApiLifecycleMutation);
  const [published, publishApi] = useMutation(publishApiMutation);
  const [fromService, updateFromService] = useMutation(updateApiFromServiceMutation);
  const [newVersion, createNewVersion] = useMutation(createNewVersionMutation);
  const [resourceUpdate, updateResource] = useMutation(updateApiOperationMutation);
  const [resourceAdd, addResource] = useMutation(addApiOperationMutation);
  const [resourceDelete, deleteResource] = useMutation(deleteApiOperationMutation);
  const [pendingAction, setPendingAction] = useState<LifecycleAction | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const api = data?.apis.edges?.[0]?.node ?? null;

  async function onDeploy() {
    setNotice(null);
    const res = await deployApi({ input: { apiID: id } });
    if (res.data) {
      const d = res.data.deployAPI;
      setNotice(`Deployed revision ${d.revision.number} to ${d.environment.name}.`);
    }
    // Refresh even after an error: the deployment may have happened in part.
    refetch({ requestPolicy: 'network-only' });
  }

  async function onLifecycle(action: LifecycleAction, reason: string, publish?: PublishOptions): Promise<boolean> {
    setNotice(null);
    setPendingAction(action);
    const res = publish
      ? await publishApi({ input: { id, reason: reason || null, ...publish } })
      : await changeLifecycle({ id, action, reason: reason || null });
    setPendingAction(null);
    // The history and the allowed actions changed too: read them again.
    refetch({ requestPolicy: 'network-only' });
    return !res.error;
  }

  async function onUpdateFromService() {
    setNotice(null);
    const res = await updateFromService({ apiID: id });
    if (!res.error) setNotice('The API now follows its service. Deploy to serve the change.');
    refetch({ requestPolicy: 'network-only' });
  }

  async function onNewVersion(version: string, isDefaultVersion: boolean) {
    const res = await createNewVersion({ input: { apiID: id, version, isDefaultVersion } });
    if (res.data) navigate(apiUrls.detail(res.data.createNewVersion.id));
  }

  async function onSaveResource(opID: string, input: ResourceSettings): Promise<boolean> {
    setNotice(null);
    const res = await updateResource({ id: opID, input });
    if (res.error) return false;
    setNotice('Resource saved. Create and deploy a revision to enforce it at the gateway.');
    // A moved resource changes the definition too.
    if (input.method || input.target) refetchDefinition({ requestPolicy: 'network-only' });
    return true;
  }

  async function onAddResource(r: NewResource): Promise<boolean> {
    setNotice(null);
    const res = await addResource({ apiID: id, input: r });
    if (res.error) return false;
    setNotice(`Resource ${r.method} ${r.target} added. Create and deploy a revision to serve it at the gateway.`);
    refetch({ requestPolicy: 'network-only' });
    refetchDefinition({ requestPolicy: 'network-only' });
    return true;
  }

  async function onDeleteResource(opID: string): Promise<boolean> {
    setNotice(null);
    const res = await deleteResource({ id: opID });
    if (res.error) return false;
    setNotice('Resource deleted. Create and deploy a revision to stop serving it at the gateway.');
    refetch({ requestPolicy: 'network-only' });
    refetchDefinition({ requestPolicy: 'network-only' });
    return true;
  }

  async function onDelete() {
    const res = await deleteApi({ id });
    if (!res.error) navigate(apiUrls.list());
  }

  const actionError = deploy.error ?? remove.error;

  return (
    <ApiPage
      id={id}
      api={api}
      fetching={fetching}
      error={error}
      hasData={Boolean(data)}
      title={api?.name}
      actions={
        (mayPublish || mayManage) && (
          <>
            {mayPublish && (
              <button type="button" className="button primary" onClick={onDeploy} disabled={deploy.fetching}>
                {deploy.fetching ? 'Deploying…' : 'Deploy'}
              </button>
            )}
            {mayManage && (
              <button type="button" className="button danger" onClick={() => setConfirming(true)} disabled={confirming}>
                Delete
              </button>
            )}
          </>
        )
      }
    >
      {(api) => (
        <>
          {confirming && (
            <ConfirmDelete onConfirm={onDelete} onCancel={() => setConfirming(false)} busy={remove.fetching}>
              Delete <strong>{api.name}</strong> {api.version}? Its deployments stop serving traffic.
            </ConfirmDelete>
          )}
          {actionError && <Banner>{errorMessage(actionError)}</Banner>}
          {notice && <Banner kind="success">{notice}</Banner>}
          {api.serviceEntry && (
            <ServiceDriftPanel
              service={api.serviceEntry}
              drift={api.drift}
              onUpdate={onUpdateFromService}
              updating={fromService.fetching}
              error={fromService.error ? errorMessage(fromService.error) : null}
            />
          )}
          <ApiDetails
            api={api}
            onSaveResource={onSaveResource}
            resourceError={
              resourceUpdate.error
                ? errorMessage(resourceUpdate.error)
                : resourceDelete.error
                  ? errorMessage(resourceDelete.error)
                  : (toFormErrors(resourceAdd.error).banner ?? null)
            }
            onAddResource={definition && definition.type !== 'PRODUCT' ? onAddResource : undefined}
            addingResource={resourceAdd.fetching}
            addResourceErrors={toFormErrors(resourceAdd.error).fields}
            onDeleteResource={onDeleteResource}
            deletingResource={resourceDelete.fetching}
            lifecycle={
              <>
                {api.previousVersion && (api.lifecycleActions.includes('PUBLISH') || api.breakingChanges.length > 0) && (
                  <BreakingChangesPanel previousVersion={api.previousVersion.version} changes={api.breakingChanges} />
                )}
                <LifecyclePanel
                status={api.lifecycleStatus}
                actions={api.lifecycleActions}
                history={api.lifecycleHistory}
                onAction={onLifecycle}
                pending={pendingAction}
                previousVersion={api.previousVersion?.version}
                error={(lifecycle.error ?? published.error) ? errorMessage((lifecycle.error ?? published.error)!) : null}
                />
              </>
            }
          />
          {definition?.type === 'PRODUCT' ? productOperations?.(id) : <ExportedDefinitionPanel id={id} />}
          {/* Shown once its own query answered with the definition. */}
          {definition?.definitionOperations && (
            <DefinitionPanel
              type={definition.type}
              definitionType={definition.definitionType}
              definitionURL={definition.definitionURL}
              definition={definition.definition}
              operations={definition.definitionOperations}
              onValidate={definitionSave.validate}
              onSave={definitionSave.save}
            />
          )}
          <NewVersionForm
            currentVersion={api.version}
            onCreate={onNewVersion}
            creating={newVersion.fetching}
            versionError={toFormErrors(newVersion.error).fields.version ?? null}
            error={newVersion.error && !toFormErrors(newVersion.error).fields.version ? errorMessage(newVersion.error) : null}
          />
        </>
      )}
    </ApiPage>
  );
}
