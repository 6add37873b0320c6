import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useClient, useMutation, type CombinedError } from 'urql';
import { Banner } from '../../../components/Banner';
import { PageHeader } from '../../../components/PageHeader';
import type { DefinitionSourceInput } from '../../../gql/graphql';
import { toFormErrors } from '../../../lib/errors';
import { DefinitionReportPanel, type DefinitionReport } from '../components/DefinitionReportPanel';
import {
  DefinitionSourceForm,
  definitionKindChoices,
  emptyDefinitionSource,
  type DefinitionKindChoice,
  type DefinitionSourceValue,
} from '../components/DefinitionSourceForm';
import { ImportApiForm, importDefaults, type ImportApiValues } from '../components/ImportApiForm';
import { importApiMutation } from '../mutations';
import { validateDefinitionQuery } from '../queries';
import { apiUrls } from '../urls';

function toSourceInput(v: DefinitionSourceValue): DefinitionSourceInput {
  return v.mode === 'url' ? { url: v.url.trim() } : { content: v.content };
}

function sameSource(a: DefinitionSourceInput, b: DefinitionSourceInput): boolean {
  return a.url === b.url && a.content === b.content;
}

interface Validated {
  report: DefinitionReport;
  /** Exactly what was validated: what Import sends. */
  source: DefinitionSourceInput;
  /** Counts validations, to start the settings form afresh from each report. */
  round: number;
}

/**
 * The import wizard: provide a definition, validate it (nothing is stored), review what the
 * server found, adjust the pre-filled settings, import. Import sends the source exactly as
 * validated, and is off while the report is invalid or the source has changed since.
 */
export function ApiImportView() {
  const navigate = useNavigate();
  const client = useClient();
  // The kind lives in the URL (?kind=GRAPHQL) so the list can link to each wizard.
  const [params, setParams] = useSearchParams();
  const urlKind = (definitionKindChoices.find((c) => c.value === params.get('kind'))?.value ?? 'OPENAPI') as DefinitionKindChoice;
  // Held in state as well: the URL updates in a transition, and a radio bound only to it
  // reads unchecked until that commits, so a quick click could look ignored.
  const [kind, setKind] = useState<DefinitionKindChoice>(urlKind);
  useEffect(() => setKind(urlKind), [urlKind]);
  const [source, setSource] = useState<DefinitionSourceValue>(emptyDefinitionSource);
  const [validated, setValidated] = useState<Validated | null>(null);
  const [validating, setValidating] = useState(false);
  const [validateError, setValidateError] = useState<CombinedError | null>(null);
  const [imported, importApi] = useMutation(importApiMutation);

  async function validate() {
    const input = toSourceInput(source);
    setValidating(true);
    setValidateError(null);
    const res = await client.query(validateDefinitionQuery, { source: input }, { requestPolicy: 'network-only' }).toPromise();
    setValidating(false);
    if (res.data) {
      setValidated((old) => ({ report: res.data!.validateDefinition, source: input, round: (old?.round ?? 0) + 1 }));
    } else if (res.error) {
      setValidateError(res.error);
    }
  }

  async function submit(v: ImportApiValues) {
    if (!validated) return;
    const res = await importApi({
      input: {
        source: validated.source,
        // Empty fields take the server's defaults from the definition.
        name: v.name || null,
        context: v.context || null,
        version: v.version || null,
        endpoint: v.endpoint || null,
      },
    });
    if (res.data) navigate(apiUrls.detail(res.data.importAPI.id));
  }

  const stale = validated !== null && !sameSource(validated.source, toSourceInput(source));
  const errors = toFormErrors(imported.error);
  // Validation fails outright only for a source the server cannot read (e.g. a URL that does
  // not answer): that shows at the source field; anything else in a banner.
  const validation = toFormErrors(validateError);

  return (
    <>
      <PageHeader title="Import API" />
      <p className="muted">
        GraphQL APIs get one POST /graphql resource, SOAP APIs one POST resource for every SOAPAction, async APIs one topic per
        channel; the definition is stored and downloadable as uploaded.
      </p>
      <div className="wizard">
        <fieldset className="choice">
          <legend>Create from</legend>
          {definitionKindChoices.map((c) => (
            <label key={c.value}>
              <input
                type="radio"
                name="definition-kind"
                value={c.value}
                checked={kind === c.value}
                onChange={() => {
                  setKind(c.value);
                  setParams({ kind: c.value }, { replace: true });
                }}
              />
              {c.label}
            </label>
          ))}
        </fieldset>
        <DefinitionSourceForm
          kind={kind}
          value={source}
          onChange={(patch) => setSource((s) => ({ ...s, ...patch }))}
          onValidate={() => void validate()}
          validating={validating}
          error={validation.fields.source ?? errors.fields.source}
        />
        {validation.banner && <Banner>{validation.banner}</Banner>}
        {validated && (
          <>
            <DefinitionReportPanel report={validated.report} stale={stale} />
            <ImportApiForm
              key={validated.round}
              initial={importDefaults(validated.report)}
              onSubmit={(v) => void submit(v)}
              onCancel={() => navigate(apiUrls.list())}
              errors={{
                fields: errors.fields,
                // The source's own error shows at the Definition field, above; say so here too.
                banner: errors.banner ?? (errors.fields.source ? 'The server rejected the definition; see the Definition field above.' : null),
              }}
              submitting={imported.fetching}
              canImport={validated.report.valid && !stale}
            />
          </>
        )}
      </div>
    </>
  );
}
