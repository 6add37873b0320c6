import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';

/** panva's oidc-provider as an external IdP (support/oidc-idp.mjs), for one client. */
export interface ExternalIdP {
  issuer: string;
  stop: () => void;
}

export async function startExternalIdP(o: { port: number; clientID: string; clientSecret: string; redirectURI: string }): Promise<ExternalIdP> {
  const child: ChildProcess = spawn(process.execPath, [resolve(import.meta.dirname, 'oidc-idp.mjs')], {
    env: { ...process.env, IDP_PORT: String(o.port), IDP_CLIENT_ID: o.clientID, IDP_CLIENT_SECRET: o.clientSecret, IDP_REDIRECT_URIS: o.redirectURI },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const lines = createInterface({ input: child.stdout! });
  const issuer = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('oidc-provider did not start in 15 s')), 15_000);
    child.on('exit', (code) => fail(new Error(`oidc-provider exited with ${code}`)));
    lines.once('line', (l) => {
      clearTimeout(timer);
      ok((JSON.parse(l) as { issuer: string }).issuer);
    });
  });
  return { issuer, stop: () => child.kill() };
}
