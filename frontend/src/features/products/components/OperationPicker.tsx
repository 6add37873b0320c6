import type { ReactNode } from 'react';

export interface SourceApi {
  id: string;
  name: string;
  version: string;
  operations?: { id: string; method: string; target: string }[] | null;
}

export interface OperationPickerProps {
  apis: SourceApi[];
  chosen: Set<string>;
  onToggle: (id: string, on: boolean) => void;
  error?: string;
  /** Loading and error states of the source APIs. */
  children?: (list: ReactNode) => ReactNode;
}

/** Chooses operations of the organization's APIs, API by API, for an API product. */
export function OperationPicker({ apis, chosen, onToggle, error, children }: OperationPickerProps) {
  const list =
    apis.length === 0 ? (
      <p className="empty">No APIs to bundle yet.</p>
    ) : (
      apis.map((api) => (
        <details key={api.id} open>
          <summary>
            {api.name} {api.version}
          </summary>
          {(api.operations ?? []).length === 0 ? (
            <p className="muted">This API declares no operations.</p>
          ) : (
            <ul className="checklist">
              {(api.operations ?? []).map((op) => (
                <li key={op.id}>
                  <label>
                    <input type="checkbox" checked={chosen.has(op.id)} onChange={(e) => onToggle(op.id, e.target.checked)} />
                    <code>
                      {op.method} {op.target}
                    </code>{' '}
                    <span className="muted">({api.name})</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </details>
      ))
    );
  return (
    <fieldset className="product-operations" aria-describedby={error ? 'product-operations-error' : undefined}>
      <legend>Operations ({chosen.size} chosen)</legend>
      {error && (
        <p className="field-error" id="product-operations-error" data-testid="field-error-operations">
          {error}
        </p>
      )}
      {children ? children(list) : list}
    </fieldset>
  );
}

/** A copy of set with id added or removed. */
export function toggled(set: Set<string>, id: string, on: boolean): Set<string> {
  const next = new Set(set);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}
