export interface DefinitionOutlineProps {
  outline: {
    kind?: string | null;
    specVersion?: string | null;
    title?: string | null;
    version?: string | null;
    operations: { method: string; target: string; summary?: string | null; scopes: string[] }[];
  } | null;
}

/** The definition read as a reader wants it: what it is and the operations it offers. */
export function DefinitionOutline({ outline }: DefinitionOutlineProps) {
  if (!outline) return null;
  return (
    <section className="section" aria-labelledby="service-outline-title">
      <h2 id="service-outline-title">Operations</h2>
      <p className="muted">
        {[outline.title, outline.version, outline.kind && `${outline.kind} ${outline.specVersion ?? ''}`.trim()].filter(Boolean).join(' · ')}
      </p>
      {outline.operations.length === 0 ? (
        <p className="muted">The definition declares no operations.</p>
      ) : (
        <table aria-labelledby="service-outline-title">
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">Path</th>
              <th scope="col">Summary</th>
              <th scope="col">Scopes</th>
            </tr>
          </thead>
          <tbody>
            {outline.operations.map((op) => (
              <tr key={`${op.method} ${op.target}`}>
                <td>
                  <code>{op.method}</code>
                </td>
                <td>
                  <code>{op.target}</code>
                </td>
                <td>{op.summary ?? ''}</td>
                <td>{op.scopes.length ? op.scopes.join(', ') : <span className="muted">none</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
