import '../discovery.css';

/** The catalogue's search box: filters the cards by API name as the user types. */
export function ApiSearch({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <form className="search" role="search" aria-label="APIs" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor="api-search">Search APIs</label>
      <input id="api-search" type="search" value={value} onChange={(e) => onChange(e.target.value)} placeholder="API name" autoComplete="off" />
    </form>
  );
}

/** Case-insensitive match of a search text against an API name; empty text matches all. */
export function matchesSearch(name: string, text: string): boolean {
  const t = text.trim().toLowerCase();
  return !t || name.toLowerCase().includes(t);
}
