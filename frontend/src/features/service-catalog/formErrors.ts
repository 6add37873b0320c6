import type { FormErrors } from '../../lib/errors';

/**
 * Keeps the field errors a form can show next to an input and moves the rest (a field the
 * form does not have, e.g. serviceID) to the banner, so no message is lost.
 */
export function onlyFields(errors: FormErrors, shown: readonly string[]): FormErrors {
  const fields: Record<string, string> = {};
  const other: string[] = errors.banner ? [errors.banner] : [];
  for (const [name, message] of Object.entries(errors.fields)) {
    if (shown.includes(name)) fields[name] = message;
    else other.push(message);
  }
  return { fields, banner: other.length ? other.join(' ') : null };
}

/** The fields of the service form (the server names the URL `serviceUrl`). */
export const serviceFormFields = [
  'name',
  'version',
  'displayName',
  'description',
  'serviceUrl',
  'serviceURL',
  'securityType',
  'mutualTLS',
  'definition',
  'definitionType',
] as const;

export const createApiFields = ['name', 'context', 'version'] as const;
