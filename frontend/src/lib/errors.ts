import type { CombinedError } from '@urql/core';

/** A failed mutation split for a form: messages by input field, the rest for a banner. */
export interface FormErrors {
  fields: Record<string, string>;
  banner: string | null;
}

export const noFormErrors: FormErrors = { fields: {}, banner: null };

/**
 * Maps GraphQL errors to form errors. Validation errors carry extensions.field (the input
 * field at fault, e.g. "context"); a path like "input.context" is reduced to its last part.
 */
export function toFormErrors(error: CombinedError | undefined | null): FormErrors {
  if (!error) return noFormErrors;
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const e of error.graphQLErrors) {
    const field = e.extensions?.field;
    if (typeof field === 'string' && field) {
      const name = field.split('.').pop() ?? field;
      fields[name] = fields[name] ? `${fields[name]} ${e.message}` : e.message;
    } else {
      other.push(e.message);
    }
  }
  if (error.networkError) other.push(networkMessage(error));
  return { fields, banner: other.length ? other.join(' ') : null };
}

/** One line for a banner, whatever went wrong. */
export function errorMessage(error: CombinedError): string {
  if (error.graphQLErrors.length) return error.graphQLErrors.map((e) => e.message).join(' ');
  return networkMessage(error);
}

function networkMessage(error: CombinedError): string {
  const status = (error.response as { status?: number } | undefined)?.status;
  return status ? `The server answered ${status}.` : 'The server could not be reached.';
}
