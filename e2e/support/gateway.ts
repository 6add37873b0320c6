import { poll } from './net';

export interface GatewayReply {
  status: number;
  body: string;
}

/**
 * Calls the gateway until it answers `want` (default 200) or `timeoutMs` passes: a gateway
 * picks new deployments up asynchronously. Statuses in `stopOn` end the wait early (waiting
 * does not cure them). Returns the last reply either way.
 */
export async function callGateway(
  url: string,
  { timeoutMs = 10_000, want = 200, stopOn = [] as number[], headers = {} as Record<string, string> } = {},
): Promise<GatewayReply> {
  let last: GatewayReply = { status: 0, body: '' };
  try {
    await poll(`GET ${url} = ${want}`, timeoutMs, async () => {
      const res = await fetch(url, { headers, signal: AbortSignal.timeout(3_000) });
      last = { status: res.status, body: await res.text() };
      return res.status === want || stopOn.includes(res.status) ? true : undefined;
    });
  } catch {
    // the caller asserts on the last reply, which says more than a timeout
  }
  return last;
}
