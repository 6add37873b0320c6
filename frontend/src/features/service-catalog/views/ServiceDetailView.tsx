import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { ConfirmDelete } from '../../../components/ConfirmDelete';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { errorMessage, toFormErrors } from '../../../lib/errors';
import '../catalog.css';
import { CreateApiFromServiceForm, type CreateApiFromServiceValues } from '../components/CreateApiFromServiceForm';
import { DefinitionOutline } from '../components/DefinitionOutline';
import { ServiceDetails } from '../components/ServiceDetails';
import { ServiceUsageTable } from '../components/ServiceUsageTable';
import { createApiFields, onlyFields } from '../formErrors';
import { createApiFromServiceMutation, deleteServiceEntryMutation, updateApiFromServiceMutation } from '../mutations';
import { definitionOutlineQuery, serviceEntryDetailQuery } from '../queries';
import { catalogUrls } from '../urls';

/** /catalog/services/:id: the service, the APIs built from it (and their drift), building one more. */
export function ServiceDetailView() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: serviceEntryDetailQuery,
    variables: { id },
    requestPolicy: 'cache-and-network',
  });
  const definition = data?.serviceEntries.edges?.[0]?.node?.definition ?? '';
  // The same parser as the publisher's import reads the definition for the outline.
  const [outline] = useQuery({ query: definitionOutlineQuery, variables: { content: definition }, pause: definition === '' });
  const [createApi, createApiFromService] = useMutation(createApiFromServiceMutation);
  const [updateApi, updateApiFromService] = useMutation(updateApiFromServiceMutation);
  const [remove, deleteService] = useMutation(deleteServiceEntryMutation);
  const [updating, setUpdating] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const service = data?.serviceEntries.edges?.[0]?.node ?? null;

  async function onCreateApi(v: CreateApiFromServiceValues) {
    const res = await createApiFromService({
      input: { serviceID: id, name: v.name || null, context: v.context || null, version: v.version || null },
    });
    if (res.data) navigate(catalogUrls.publisherApi(res.data.createAPIFromService.id));
  }

  async function onUpdateApi(apiID: string) {
    setNotice(null);
    setUpdating(apiID);
    const res = await updateApiFromService({ apiID });
    setUpdating(null);
    if (!res.error) {
      const name = service?.usage.find((a) => a.id === apiID)?.name ?? 'The API';
      setNotice(`${name} now matches the service. Deploy it to bring the change to the gateway.`);
    }
    refetch({ requestPolicy: 'network-only' });
  }

  async function onDelete() {
    const res = await deleteService({ id });
    if (res.error) {
      setConfirming(false);
      return;
    }
    navigate(catalogUrls.list());
  }

  const actionError = remove.error ?? updateApi.error;

  return (
    <>
      <p className="breadcrumb">
        <Link to={catalogUrls.list()}>Services</Link>
      </p>
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        {!service ? (
          <Banner>This service does not exist, or you may not see it.</Banner>
        ) : (
          <>
            <PageHeader
              title={service.displayName || service.name}
              actions={
                <>
                  <Link className="button" to={catalogUrls.edit(service.id)}>
                    Edit
                  </Link>
                  <button type="button" className="button danger" onClick={() => setConfirming(true)} disabled={confirming}>
                    Delete
                  </button>
                </>
              }
            />
            {confirming && (
              <ConfirmDelete onConfirm={() => void onDelete()} onCancel={() => setConfirming(false)} busy={remove.fetching}>
                Delete <strong>{service.name}</strong> {service.version} from the catalog?
              </ConfirmDelete>
            )}
            {actionError && <Banner>{errorMessage(actionError)}</Banner>}
            {notice && <Banner kind="success">{notice}</Banner>}
            <DefinitionOutline outline={outline.data?.validateDefinition ?? null} />
            <ServiceDetails service={service} />
            <section className="section" aria-labelledby="service-usage-title">
              <h2 id="service-usage-title">APIs using this service</h2>
              <ServiceUsageTable apis={service.usage} apiUrl={catalogUrls.publisherApi} onUpdate={(apiID) => void onUpdateApi(apiID)} updating={updating} />
            </section>
            <section className="section" aria-labelledby="service-create-api-title">
              <h2 id="service-create-api-title">Create API</h2>
              <p className="muted">A managed API with the service's operations, forwarding to {service.serviceURL}.</p>
              <CreateApiFromServiceForm
                defaults={{ name: service.displayName || service.name, version: service.version }}
                onSubmit={(v) => void onCreateApi(v)}
                errors={onlyFields(toFormErrors(createApi.error), createApiFields)}
                submitting={createApi.fetching}
              />
            </section>
          </>
        )}
      </QueryState>
    </>
  );
}
