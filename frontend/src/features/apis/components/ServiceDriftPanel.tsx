interface Props {
  service: { id: string; name: string; version: string };
  drift: { outOfDate: boolean; added: string[]; removed: string[]; changed: string[] };
  onUpdate: () => void;
  updating: boolean;
  error: string | null;
}

/** Where an API built from a catalog service stands against that service now. */
export function ServiceDriftPanel({ service, drift, onUpdate, updating, error }: Props) {
  return (
    <section className="panel" aria-labelledby="service-drift-title">
      <h2 id="service-drift-title">Service</h2>
      <p>
        Built from the catalog service{' '}
        <a href={`/catalog/services/${service.id}`}>
          {service.name} {service.version}
        </a>
        .{' '}
        {drift.outOfDate ? (
          <strong className="badge danger">Out of date</strong>
        ) : (
          <span className="badge">Up to date</span>
        )}
      </p>
      {drift.outOfDate && (
        <>
          <ul aria-label="Changes in the service">
            {drift.added.map((op) => (
              <li key={`a-${op}`}>Added {op}</li>
            ))}
            {drift.removed.map((op) => (
              <li key={`r-${op}`}>Removed {op}</li>
            ))}
            {drift.changed.map((op) => (
              <li key={`c-${op}`}>Changed {op}</li>
            ))}
          </ul>
          <p className="muted">Updating changes the working copy only; deployed revisions serve as before until you deploy again.</p>
          <button type="button" className="button primary" onClick={onUpdate} disabled={updating}>
            {updating ? 'Updating…' : 'Update from service'}
          </button>
        </>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </section>
  );
}
