export interface BreakingChangesPanelProps {
  previousVersion: string;
  changes: { kind: string; operation: string; message: string }[];
}

/** What this version breaks for consumers of the previous one, shown before publishing. */
export function BreakingChangesPanel({ previousVersion, changes }: BreakingChangesPanelProps) {
  return (
    <section className="section" aria-labelledby="breaking-title" data-testid="breaking-changes">
      <h2 id="breaking-title">Breaking changes since {previousVersion}</h2>
      {changes.length === 0 ? (
        <p className="muted">None found: consumers of {previousVersion} can move to this version.</p>
      ) : (
        <>
          <p className="banner error" role="note">
            {changes.length} change(s) break consumers of {previousVersion}. Consider deprecating {previousVersion} rather than retiring it, so they
            can move at their pace.
          </p>
          <table className="table" aria-labelledby="breaking-title">
            <thead>
              <tr>
                <th scope="col">Operation</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={`${c.operation} ${c.kind} ${c.message}`}>
                  <td>
                    <code>{c.operation}</code>
                  </td>
                  <td>{c.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
