import '../discovery.css';

/**
 * The catalogue's search box. It takes the publisher's search language: free text,
 * "quoted phrases", name:, context:, tag:, provider:.
 */
export function ApiSearch({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string | null }) {
  return (
    <form className="search" role="search" aria-label="APIs" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor="api-search">Search APIs</label>
      <input
        id="api-search"
        type="search"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder='pizza, tag:food, name:"pizza shack"'
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'api-search-error' : undefined}
      />
      {error && (
        <span className="field-error" id="api-search-error" role="alert" data-testid="field-error-query">
          {error}
        </span>
      )}
    </form>
  );
}
