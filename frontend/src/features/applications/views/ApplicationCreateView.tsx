import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { toFormErrors } from '../../../lib/errors';
import { ApplicationForm, type ApplicationFormValues } from '../components/ApplicationForm';
import { createApplicationMutation } from '../mutations';
import { requiredAttributesQuery } from '../queries';
import { applicationUrls } from '../urls';
import { useTiers } from './useTiers';

export function ApplicationCreateView() {
  const navigate = useNavigate();
  const tiers = useTiers('APPLICATION');
  const [{ fetching, error }, createApplication] = useMutation(createApplicationMutation);
  const [required] = useQuery({ query: requiredAttributesQuery });

  async function submit(v: ApplicationFormValues) {
    const res = await createApplication(
      { input: { name: v.name, description: v.description || null, throttlingTier: v.throttlingTier || null, tokenType: v.tokenType, attributes: v.attributes ?? null } },
      { additionalTypenames: ['Application'] },
    );
    if (res.data) navigate(applicationUrls.detail(res.data.createApplication.id));
  }

  return (
    <>
      <PageHeader title="Create application" />
      <QueryState fetching={tiers.fetching} error={tiers.error} hasData={tiers.hasData}>
        <ApplicationForm
          mode="create"
          tiers={tiers.tiers}
          requiredAttributes={required.data?.requiredApplicationAttributes ?? []}
          onSubmit={submit}
          onCancel={() => navigate(applicationUrls.list())}
          errors={toFormErrors(error)}
          submitting={fetching}
        />
      </QueryState>
    </>
  );
}
