import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { ConfirmDelete } from '../../../components/ConfirmDelete';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { errorMessage, toFormErrors } from '../../../lib/errors';
import { ApplicationForm, type ApplicationFormValues } from '../components/ApplicationForm';
import { SubscriptionTable, type SubscriptionRow } from '../components/SubscriptionTable';
import { UsageView } from './UsageView';
import { firstGetUrl } from '../gateway';
import { AttributesPanel } from '../components/AttributesPanel';
import { deleteApplicationMutation, setApplicationAttributesMutation, shareApplicationMutation, unsubscribeMutation, updateApplicationMutation } from '../mutations';
import { applicationDetailQuery, requiredAttributesQuery } from '../queries';
import { applicationUrls } from '../urls';
import { ApiKeysView } from './ApiKeysView';
import { KeysView } from './KeysView';
import { RevokeTokensView } from './RevokeTokensView';
import { useTiers } from './useTiers';

export interface ApplicationDetailViewProps {
  /** Renders a subscribed API's name as a link to its page (the portal knows where that is). */
  apiLink?: (api: SubscriptionRow['api']) => ReactNode;
}

/** /devportal/applications/:id: settings, subscriptions, production and sandbox keys. */
export function ApplicationDetailView({ apiLink = (api) => api.name }: ApplicationDetailViewProps) {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [{ data, fetching, error }, refetch] = useQuery({ query: applicationDetailQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const tiers = useTiers('APPLICATION');
  const [update, updateApplication] = useMutation(updateApplicationMutation);
  const [remove, deleteApplication] = useMutation(deleteApplicationMutation);
  const [unsub, unsubscribe] = useMutation(unsubscribeMutation);
  const [attrState, setAttributes] = useMutation(setApplicationAttributesMutation);
  const [shareState, share] = useMutation(shareApplicationMutation);
  const [required] = useQuery({ query: requiredAttributesQuery });
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [pendingUnsubscribe, setPendingUnsubscribe] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const app = data?.applications.edges?.[0]?.node ?? null;
  const reload = () => refetch({ requestPolicy: 'network-only' });

  async function onSave(v: ApplicationFormValues) {
    setNotice(null);
    const res = await updateApplication({ id, input: { name: v.name, description: v.description, throttlingTier: v.throttlingTier, tokenType: v.tokenType } });
    if (res.data) {
      setEditing(false);
      setNotice('Saved.');
      reload();
    }
  }

  async function onDelete() {
    const res = await deleteApplication({ id }, { additionalTypenames: ['Application'] });
    if (!res.error) navigate(applicationUrls.list());
  }

  async function onUnsubscribe(subscriptionID: string) {
    setNotice(null);
    setPendingUnsubscribe(subscriptionID);
    const res = await unsubscribe({ id: subscriptionID }, { additionalTypenames: ['Application', 'APISubscription'] });
    setPendingUnsubscribe(null);
    if (!res.error) setNotice('Unsubscribed.');
    reload();
  }

  const actionError = remove.error ?? unsub.error;
  // Owners and admins manage; members of a shared group use (see the server's rule).
  const canManage = app?.viewerAccess !== 'MEMBER';
  const subscriptions = app?.subscriptions ?? [];
  // The ready-made curl command calls the first subscribed API's first GET resource.
  const curlUrl = subscriptions.map((s) => firstGetUrl(s.api)).find((u) => u !== null) ?? null;
  const keyOf = (type: 'PRODUCTION' | 'SANDBOX') => app?.keys?.find((k) => k.keyType === type) ?? null;

  return (
    <>
      <p className="breadcrumb">
        <Link to={applicationUrls.list()}>Applications</Link>
      </p>
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        {!app ? (
          <Banner>This application does not exist, or it is not yours.</Banner>
        ) : (
          <>
            <PageHeader
              title={app.name}
              actions={
                canManage && (
                  <>
                    <button type="button" className="button" onClick={() => setEditing(true)} disabled={editing}>
                      Edit
                    </button>
                    <button type="button" className="button danger" onClick={() => setConfirming(true)} disabled={confirming}>
                      Delete
                    </button>
                  </>
                )
              }
            />
            {confirming && (
              <ConfirmDelete onConfirm={() => void onDelete()} onCancel={() => setConfirming(false)} busy={remove.fetching}>
                Delete <strong>{app.name}</strong>? Its subscriptions end and its keys and tokens stop working.
              </ConfirmDelete>
            )}
            {actionError && <Banner>{errorMessage(actionError)}</Banner>}
            {notice && <Banner kind="success">{notice}</Banner>}
            {editing ? (
              <ApplicationForm
                mode="edit"
                initial={app}
                tiers={tiers.tiers}
                onSubmit={(v) => void onSave(v)}
                onCancel={() => setEditing(false)}
                errors={toFormErrors(update.error)}
                submitting={update.fetching}
              />
            ) : (
              <dl className="details">
                <dt>Description</dt>
                <dd className={app.description ? '' : 'muted'}>{app.description || 'No description.'}</dd>
                <dt>Throttling tier</dt>
                <dd data-testid="application-tier">{app.throttlingTier}</dd>
                <dt>Token type</dt>
                <dd data-testid="application-token-type">{app.tokenType === 'OPAQUE' ? 'Opaque reference token' : 'JWT'}</dd>
              </dl>
            )}
            <SubscriptionTable subscriptions={subscriptions} onUnsubscribe={(s) => void onUnsubscribe(s)} pending={pendingUnsubscribe} apiLink={apiLink} />
            <AttributesPanel
              key={`${app.id}-attributes-${required.data ? 'r' : ''}`}
              required={required.data?.requiredApplicationAttributes ?? []}
              attributes={app.attributes ?? []}
              sharedGroups={app.sharedGroups ?? []}
              canManage={canManage}
              onSaveAttributes={(attributes) => void setAttributes({ applicationID: app.id, attributes }).then((r) => r.data && setNotice('Attributes saved.'))}
              savingAttributes={attrState.fetching}
              attributeErrors={toFormErrors(attrState.error)}
              onShare={(groups) => void share({ applicationID: app.id, groups }).then((r) => r.data && setNotice('Sharing saved.'))}
              sharing={shareState.fetching}
              shareErrors={toFormErrors(shareState.error)}
            />
            <UsageView applicationID={id} />
            <div className="keys">
              <KeysView key={`${app.id}-production`} applicationID={app.id} keyType="PRODUCTION" appKey={keyOf('PRODUCTION')} curlUrl={curlUrl} onKeysChanged={reload} canManage={canManage} />
              <KeysView key={`${app.id}-sandbox`} applicationID={app.id} keyType="SANDBOX" appKey={keyOf('SANDBOX')} curlUrl={curlUrl} onKeysChanged={reload} canManage={canManage} />
            </div>
            {canManage && <RevokeTokensView key={`${app.id}-revoke`} applicationID={app.id} />}
            <ApiKeysView key={`${app.id}-apikeys`} applicationID={app.id} />
          </>
        )}
      </QueryState>
    </>
  );
}
