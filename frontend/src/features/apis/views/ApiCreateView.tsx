import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import { toFormErrors } from '../../../lib/errors';
import { ApiForm, type ApiFormValues } from '../components/ApiForm';
import { createApiMutation } from '../mutations';
import { apiUrls } from '../urls';

export function ApiCreateView() {
  const navigate = useNavigate();
  const [{ fetching, error }, createApi] = useMutation(createApiMutation);

  async function submit(v: ApiFormValues) {
    const res = await createApi({
      input: {
        name: v.name,
        context: v.context,
        version: v.version,
        endpoint: v.endpoint,
        description: v.description || null,
        type: v.type,
        topics: v.type === 'HTTP' ? null : v.topics.split('\n').map((t) => t.trim()).filter(Boolean),
      },
    });
    if (res.data) navigate(apiUrls.detail(res.data.createAPI.id));
  }

  return (
    <>
      <PageHeader title="Create API" />
      <ApiForm onSubmit={submit} onCancel={() => navigate(apiUrls.list())} errors={toFormErrors(error)} submitting={fetching} />
    </>
  );
}
