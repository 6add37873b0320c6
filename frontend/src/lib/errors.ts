import type { CombinedError } from '@urql/core';

/**
 * What a FORBIDDEN answer says to a person. The server's message names roles in its own
 * notation ("this needs one of the roles [admin publisher]"); the page says it in words.
 */
export const forbiddenMessage = 'Your account is not allowed to do this. Ask an administrator of your organization if you need it.';

/**
 * What the SPA shows for one GraphQL error: a missing role in words, anything else as the
 * server said it (a refusal that gives its reason, "only the owner of App may do this", keeps it).
 */
function messageOf(e: { message: string; extensions?: Record<string, unknown> }): string {
  if (e.extensions?.code === 'FORBIDDEN') {
    if (e.message.startsWith('this needs one of the roles') || !e.message) return forbiddenMessage;
    // "this needs the permission api:create": name it, so the user knows what to ask for.
    const missing = /^this needs the permission ([a-z]+:[a-z]+)$/.exec(e.message)?.[1];
    if (missing) return permissionMessage(missing);
  }
  return e.message;
}

/** What a FORBIDDEN answer for one missing permission says to a person. */
export function permissionMessage(permission: string): string {
  return `Your account is not allowed to do this: it needs the permission ${permission}. Ask an administrator of your organization for a role that has it.`;
}

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
      fields[name] = fields[name] ? `${fields[name]} ${messageOf(e)}` : messageOf(e);
    } else {
      other.push(messageOf(e));
    }
  }
  if (error.networkError) other.push(networkMessage(error));
  return { fields, banner: other.length ? [...new Set(other)].join(' ') : null };
}

/** One line for a banner, whatever went wrong. */
export function errorMessage(error: CombinedError): string {
  // One FORBIDDEN sentence, however many fields were refused.
  if (error.graphQLErrors.length) return [...new Set(error.graphQLErrors.map(messageOf))].join(' ');
  return networkMessage(error);
}

function networkMessage(error: CombinedError): string {
  const status = (error.response as { status?: number } | undefined)?.status;
  return status ? `The server answered ${status}.` : 'The server could not be reached.';
}
