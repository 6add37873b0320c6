import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { errorMessage } from '../../../lib/errors';
import { ApiPage } from '../components/ApiPage';
import { RevisionTable, type RevisionRow } from '../components/RevisionTable';
import { DeployMany, DeploymentList, type DeploymentRow } from '../components/DeployMany';
import { VirtualHostPicker } from '../components/VirtualHostPicker';
import {
  createRevisionMutation,
  deleteRevisionMutation,
  deployRevisionMutation,
  deployRevisionToMutation,
  restoreRevisionMutation,
  undeployMutation,
} from '../mutations';
import { apiRevisionsQuery } from '../queries';

/** Revisions and deployments of an API: freeze the working copy, deploy, restore. */
export function ApiRevisionsView() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: apiRevisionsQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const [created, create] = useMutation(createRevisionMutation);
  const [deployed, deploy] = useMutation(deployRevisionMutation);
  const [restored, restore] = useMutation(restoreRevisionMutation);
  const [deleted, remove] = useMutation(deleteRevisionMutation);
  const [deployedMany, deployMany] = useMutation(deployRevisionToMutation);
  const [undeployed, undeploy] = useMutation(undeployMutation);
  const [description, setDescription] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [hosts, setHosts] = useState<Record<string, string>>({});

  const api = data?.apis.edges?.[0]?.node ?? null;
  const envs = (data?.environments.edges ?? []).flatMap((e) =>
    e?.node ? [{ name: e.node.name, label: e.node.displayName || e.node.name, virtualHosts: e.node.virtualHosts.map((h) => h.host) }] : [],
  );
  const rows: RevisionRow[] = (api?.revisions.edges ?? []).flatMap((e) =>
    e?.node
      ? [
          {
            id: e.node.id,
            number: e.node.number,
            description: e.node.description,
            createdBy: e.node.createdBy,
            createdAt: e.node.createdAt,
            environments: (e.node.deployments ?? []).map((d) => d.environment.displayName || d.environment.name),
            hosts: (e.node.deployments ?? []).flatMap((d) => (d.virtualHost ? [d.virtualHost] : [])),
            deployedHosts: Object.fromEntries((e.node.deployments ?? []).map((d) => [d.environment.name, d.virtualHost])),
          },
        ]
      : [],
  );
  const refresh = () => refetch({ requestPolicy: 'network-only' });
  const labelOf = (name: string) => envs.find((e) => e.name === name)?.label ?? name;
  const deployments: DeploymentRow[] = rows
    .flatMap((r) => Object.keys(r.deployedHosts ?? {}).map((env) => ({ environment: env, label: labelOf(env), revision: r.number })))
    .sort((a, b) => a.label.localeCompare(b.label));

  async function onDeployMany(revisionID: string, environments: string[]) {
    setNotice(null);
    const res = await deployMany({ revisionID, environments });
    if (res.data) {
      const ds = res.data.deployAPIRevisionTo;
      setNotice(`Deployed revision ${ds[0]?.revision.number} to ${ds.map((d) => labelOf(d.environment.name)).join(' and ')}.`);
    }
    refresh();
  }
  async function onUndeploy(environment: string) {
    setNotice(null);
    const res = await undeploy({ apiID: id, environment });
    if (!res.error) setNotice(`Undeployed from ${labelOf(environment)}.`);
    refresh();
  }

  async function onCreate(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    const res = await create({ apiID: id, description: description.trim() || null });
    if (res.data) {
      setDescription('');
      setNotice(`Created revision ${res.data.createAPIRevision.number}.`);
    }
    refresh();
  }
  async function onDeploy(revisionID: string, environment: string) {
    setNotice(null);
    const res = await deploy({ revisionID, environment, virtualHost: hosts[environment] || null });
    if (res.data) {
      const d = res.data.deployAPIRevision;
      setNotice(`Deployed revision ${d.revision.number} to ${d.environment.name}${d.virtualHost ? ` on ${d.virtualHost}` : ''}.`);
    }
    refresh();
  }
  async function onRestore(revisionID: string) {
    setNotice(null);
    const res = await restore({ revisionID });
    if (!res.error) setNotice('The working copy now matches the revision. Create and deploy a revision to serve it.');
  }
  async function onDelete(revisionID: string) {
    setNotice(null);
    await remove({ revisionID });
    refresh();
  }
  const failure = created.error ?? deployed.error ?? deployedMany.error ?? undeployed.error ?? restored.error ?? deleted.error;

  return (
    <ApiPage id={id} api={api} fetching={fetching} error={error} hasData={Boolean(data)}>
      {(api) => (
        <>
          {failure && <Banner>{errorMessage(failure)}</Banner>}
          {notice && <Banner kind="success">{notice}</Banner>}
          <form className="search-box" onSubmit={onCreate} aria-label="Create revision">
            <input
              type="text"
              aria-label="Revision description"
              placeholder="What changed (optional)"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
            <button type="submit" className="button primary" disabled={created.fetching}>
              Create revision
            </button>
          </form>
          <p className="muted">Keeps at most {api.maxRevisions} revisions; a new one replaces the oldest undeployed one.</p>
          <VirtualHostPicker environments={envs} value={hosts} onChange={(env, host) => setHosts((h) => ({ ...h, [env]: host }))} />
          <RevisionTable
            revisions={rows}
            environments={envs}
            onDeploy={onDeploy}
            pickedHosts={hosts}
            onRestore={onRestore}
            onDelete={onDelete}
            busy={deployed.fetching || restored.fetching || deleted.fetching}
          />
          <DeployMany revisions={rows.map((r) => ({ id: r.id, number: r.number }))} environments={envs} onDeploy={(r, e) => void onDeployMany(r, e)} busy={deployedMany.fetching} />
          <h3>Deployments</h3>
          <DeploymentList deployments={deployments} onUndeploy={(e) => void onUndeploy(e)} busy={undeployed.fetching} />
        </>
      )}
    </ApiPage>
  );
}
