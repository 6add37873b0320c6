/** One resource of a subscribed API. */
export interface Resource {
  method: string;
  target: string;
}

export interface SubscribedApi {
  invocationURLs: string[];
  operations?: Resource[] | null;
}

/**
 * The gateway URL a ready-made curl command calls: the API's first invocation URL
 * (gateway/context/version) plus its first GET resource without path parameters (else its
 * first GET, else its root). Null when the API is not deployed to any gateway.
 */
export function firstGetUrl(api: SubscribedApi): string | null {
  const base = api.invocationURLs[0]?.replace(/\/+$/, '');
  if (!base) return null;
  const gets = (api.operations ?? []).filter((o) => o.method === 'GET');
  const target = (gets.find((o) => !o.target.includes('{')) ?? gets[0])?.target ?? '/';
  return base + (target.startsWith('/') ? target : `/${target}`);
}

/** A curl command calling `url` with a bearer token. */
export function curlCommand(token: string, url: string): string {
  return `curl -H "Authorization: Bearer ${token}" ${url}`;
}
