import type { DefinitionKind, ValidateDefinitionQuery } from '../../../gql/graphql';

export type DefinitionReport = ValidateDefinitionQuery['validateDefinition'];

const kindLabels: Record<DefinitionKind, string> = {
  OAS2: 'OpenAPI (Swagger)',
  OAS3: 'OpenAPI',
  OAS31: 'OpenAPI',
  GRAPHQL_SDL: 'GraphQL SDL',
  ASYNCAPI: 'AsyncAPI',
  WSDL: 'WSDL',
};

/** "OpenAPI 3.1.0", "GraphQL SDL", or "Unknown" when the document could not be recognised. */
export function definitionKindLabel(kind: DefinitionKind | null, specVersion: string | null): string {
  if (!kind) return 'Unknown';
  return specVersion ? `${kindLabels[kind]} ${specVersion}` : kindLabels[kind];
}

/** "12:5", "12", or "" when the server does not know where the problem is (line 0). */
export function problemLocation(line: number, column: number): string {
  if (line <= 0) return '';
  return column > 0 ? `${line}:${column}` : String(line);
}

function severityClass(severity: string): string {
  const s = severity.toLowerCase();
  return s === 'error' || s === 'warning' ? s : 'info';
}

export interface DefinitionReportPanelProps {
  report: DefinitionReport;
  /** The source changed since this report: it no longer describes what would be imported. */
  stale: boolean;
}

/** What the server found in a definition: its kind, title, operations and problems. */
export function DefinitionReportPanel({ report, stale }: DefinitionReportPanelProps) {
  const errors = report.problems.filter((p) => severityClass(p.severity) === 'error').length;
  return (
    <section className="section report" aria-labelledby="report-title">
      <h2 id="report-title">Validation report</h2>
      <p className={report.valid ? 'report-verdict valid' : 'report-verdict invalid'} data-testid="report-verdict">
        {report.valid ? 'The definition is valid.' : `The definition is not valid: ${errors} ${errors === 1 ? 'error' : 'errors'}.`}
        {stale && <span className="muted"> The definition changed since; validate it again.</span>}
      </p>
      <dl className="details">
        <dt>Kind</dt>
        <dd data-testid="report-kind">{definitionKindLabel(report.kind, report.specVersion)}</dd>
        <dt>Title</dt>
        <dd data-testid="report-title">{report.title || <span className="muted">none</span>}</dd>
        <dt>Version</dt>
        <dd data-testid="report-version">{report.version || <span className="muted">none</span>}</dd>
        {report.servers.length > 0 && (
          <>
            <dt>Servers</dt>
            <dd data-testid="report-servers">
              {report.servers.map((s) => (
                <code key={s} className="block">
                  {s}
                </code>
              ))}
            </dd>
          </>
        )}
        <dt>Operations</dt>
        <dd data-testid="report-operation-count">{report.operations.length}</dd>
      </dl>

      {report.problems.length > 0 && (
        <>
          <h3 id="problems-title">Problems</h3>
          <ul className="problems" aria-labelledby="problems-title">
            {report.problems.map((p, i) => {
              const where = problemLocation(p.line, p.column);
              return (
                <li key={i} className={`problem ${severityClass(p.severity)}`}>
                  <span className="problem-severity">{p.severity}</span>
                  {where && (
                    <span className="problem-location" title="line:column">
                      line {where}
                    </span>
                  )}
                  {p.pointer && <code className="problem-pointer">{p.pointer}</code>}
                  <span className="problem-message">{p.message}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}

      {report.operations.length > 0 && (
        <table className="table" aria-label="Operations">
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">Path</th>
              <th scope="col">Scopes</th>
            </tr>
          </thead>
          <tbody>
            {report.operations.map((o) => (
              <tr key={`${o.method} ${o.target}`}>
                <td>
                  <span className="method">{o.method}</span>
                </td>
                <td>
                  <code>{o.target}</code>
                  {o.summary && <span className="muted"> {o.summary}</span>}
                </td>
                <td>{o.scopes.length ? o.scopes.join(', ') : <span className="muted">{o.secured ? 'secured, no scopes' : 'none'}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
