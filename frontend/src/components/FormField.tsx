import type { ReactNode } from 'react';

export interface FormFieldProps {
  /** The input's id; the error and hint ids derive from it. */
  id: string;
  /** The input field name the server uses in extensions.field. */
  name: string;
  label: string;
  hint?: string;
  error?: string;
  children: (aria: { id: string; name: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}

/** A labelled input with its hint and, next to it, the error the server gave for that field. */
export function FormField({ id, name, label, hint, error, children }: FormFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, name, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {error && (
        <p className="field-error" id={errorId} data-testid={`field-error-${name}`}>
          {error}
        </p>
      )}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
