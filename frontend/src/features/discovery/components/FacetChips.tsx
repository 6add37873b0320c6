export interface Facet {
  name: string;
  count: number;
}

/** Toggle chips of tags or categories; a pressed chip narrows the catalogue to APIs that have it. */
export function FacetChips({ label, facets, selected, onToggle }: { label: string; facets: readonly Facet[]; selected: readonly string[]; onToggle: (name: string) => void }) {
  if (facets.length === 0 && selected.length === 0) return null;
  // A chosen chip stays visible even when the search no longer matches it, so it can be turned off.
  const shown = [...facets, ...selected.filter((s) => !facets.some((f) => f.name === s)).map((name) => ({ name, count: 0 }))];
  return (
    <div className="chips" role="group" aria-label={label}>
      <span className="chips-label">{label}</span>
      {shown.map((f) => {
        const on = selected.includes(f.name);
        return (
          <button key={f.name} type="button" className={on ? 'chip on' : 'chip'} aria-pressed={on} onClick={() => onToggle(f.name)}>
            {f.name} <span className="muted">{f.count}</span>
          </button>
        );
      })}
    </div>
  );
}
