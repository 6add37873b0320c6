import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import { QueryState } from '../../../components/QueryState';
import { toFormErrors } from '../../../lib/errors';
import { ApplicationForm, type ApplicationFormValues } from '../components/ApplicationForm';
import { createApplicationMutation } from '../mutations';
import { applicationUrls } from '../urls';
import { useTiers } from './useTiers';

export function ApplicationCreateView() {
  const navigate = useNavigate();
  const tiers = useTiers('APPLICATION');
  const [{ fetching, error }, createApplication] = useMutation(createApplicationMutation);

  async function submit(v: ApplicationFormValues) {
    const res = await createApplication(
      { input: { name: v.name, description: v.description || null, throttlingTier: v.throttlingTier || null, tokenType: v.tokenType } },
      { additionalTypenames: ['Application'] },
    );
    if (res.data) navigate(applicationUrls.detail(res.data.createApplication.id));
  }

  return (
    <>
      <PageHeader title="Create application" />
      <QueryState fetching={tiers.fetching} error={tiers.error} hasData={tiers.hasData}>
        <ApplicationForm mode="create" tiers={tiers.tiers} onSubmit={submit} onCancel={() => navigate(applicationUrls.list())} errors={toFormErrors(error)} submitting={fetching} />
      </QueryState>
    </>
  );
}
