import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import { toFormErrors } from '../../../lib/errors';
import '../catalog.css';
import { ServiceForm, type ServiceFormValues } from '../components/ServiceForm';
import { onlyFields, serviceFormFields } from '../formErrors';
import { serviceInput } from '../input';
import { createServiceEntryMutation } from '../mutations';
import { catalogUrls } from '../urls';

/** /catalog/services/new */
export function ServiceCreateView() {
  const navigate = useNavigate();
  const [{ fetching, error }, create] = useMutation(createServiceEntryMutation);

  async function submit(v: ServiceFormValues) {
    const res = await create({ input: serviceInput(v) });
    if (res.data) navigate(catalogUrls.detail(res.data.createServiceEntry.id));
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to={catalogUrls.list()}>Services</Link>
      </p>
      <PageHeader title="Register service" />
      <ServiceForm
        mode="create"
        onSubmit={submit}
        onCancel={() => navigate(catalogUrls.list())}
        errors={onlyFields(toFormErrors(error), serviceFormFields)}
        submitting={fetching}
      />
    </>
  );
}
