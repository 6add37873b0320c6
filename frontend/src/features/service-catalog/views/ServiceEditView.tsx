import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Banner } from '../../../components/Banner';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { toFormErrors } from '../../../lib/errors';
import '../catalog.css';
import { ServiceForm, type ServiceFormValues } from '../components/ServiceForm';
import { onlyFields, serviceFormFields } from '../formErrors';
import { serviceInput } from '../input';
import { updateServiceEntryMutation } from '../mutations';
import { serviceEntryDetailQuery } from '../queries';
import { catalogUrls } from '../urls';

/** /catalog/services/:id/edit: the registration form, filled in; name and version stay. */
export function ServiceEditView() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [{ data, fetching, error }] = useQuery({ query: serviceEntryDetailQuery, variables: { id }, requestPolicy: 'network-only' });
  const [update, updateService] = useMutation(updateServiceEntryMutation);
  const service = data?.serviceEntries.edges?.[0]?.node ?? null;

  async function submit(v: ServiceFormValues) {
    const res = await updateService({ id, input: serviceInput(v) });
    if (res.data) navigate(catalogUrls.detail(id));
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to={catalogUrls.list()}>Services</Link>
        {service && (
          <>
            {' / '}
            <Link to={catalogUrls.detail(id)}>{service.displayName || service.name}</Link>
          </>
        )}
      </p>
      <PageHeader title="Edit service" />
      <QueryState fetching={fetching} error={error} hasData={Boolean(data)}>
        {!service ? (
          <Banner>This service does not exist, or you may not see it.</Banner>
        ) : (
          <ServiceForm
            key={service.id}
            mode="edit"
            initial={{
              name: service.name,
              version: service.version,
              displayName: service.displayName,
              description: service.description,
              serviceURL: service.serviceURL,
              securityType: service.securityType,
              mutualTLS: service.mutualTLS,
              definition: service.definition,
            }}
            onSubmit={submit}
            onCancel={() => navigate(catalogUrls.detail(id))}
            errors={onlyFields(toFormErrors(update.error), serviceFormFields)}
            submitting={update.fetching}
          />
        )}
      </QueryState>
    </>
  );
}
