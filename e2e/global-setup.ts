import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { freePort, poll } from './support/net';
import { stateFile, type DemoCredentials, type ServerState } from './support/server-state';

const readyTimeoutMs = 60_000;

/**
 * Starts the real all-in-one (`gatehouse serve --demo`) on two free ports with a fresh data
 * directory, waits until it is ready, and writes what the tests need to .state/server.json
 * (also exported as GATEHOUSE_E2E_* environment variables for the workers).
 */
export default async function globalSetup(): Promise<void> {
  const bin = resolve(import.meta.dirname, process.env.GATEHOUSE_BIN || '../bin/gatehouse');
  if (!existsSync(bin)) {
    throw new Error(`e2e: ${bin} does not exist; build it first (make build) or set GATEHOUSE_BIN`);
  }

  const controlPort = await freePort();
  let gatewayPort = await freePort();
  while (gatewayPort === controlPort) gatewayPort = await freePort();

  const root = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'));
  const dataDir = join(root, 'data');
  mkdirSync(dataDir);
  const logFile = join(root, 'gatehouse.log');
  const log = openSync(logFile, 'a');

  const args = [
    'serve',
    '--demo',
    '--data-dir', dataDir,
    '--listen', `127.0.0.1:${controlPort}`,
    '--gateway-listen', `127.0.0.1:${gatewayPort}`,
  ];
  const child = spawn(bin, args, { stdio: ['ignore', log, log], env: process.env });
  closeSync(log);
  let exited: string | null = null;
  child.on('exit', (code, signal) => {
    exited = `exited with ${signal ?? code}`;
  });
  child.unref();

  const baseURL = `http://127.0.0.1:${controlPort}`;
  const gatewayURL = `http://127.0.0.1:${gatewayPort}`;
  try {
    await poll(`GET ${baseURL}/readyz = 200`, readyTimeoutMs, async () => {
      if (exited) throw new Error(`gatehouse ${exited}`);
      const res = await fetch(`${baseURL}/readyz`, { signal: AbortSignal.timeout(2_000) });
      return res.status === 200 ? true : undefined;
    }, 300);
    const credentialsFile = join(dataDir, 'demo-credentials.json');
    const credentials = await poll(`${credentialsFile} with users`, 10_000, async () => {
      if (!existsSync(credentialsFile)) return undefined;
      const c = JSON.parse(readFileSync(credentialsFile, 'utf8')) as DemoCredentials;
      return c.users?.publisher?.password ? c : undefined;
    });

    const state: ServerState = { baseURL, gatewayURL, dataDir, logFile, pid: child.pid ?? 0, credentials };
    mkdirSync(dirname(stateFile), { recursive: true });
    writeFileSync(stateFile, JSON.stringify(state, null, 2));
    process.env.GATEHOUSE_E2E_BASE_URL = baseURL;
    process.env.GATEHOUSE_E2E_GATEWAY_URL = gatewayURL;
    process.env.GATEHOUSE_E2E_STATE = stateFile;
    console.log(`e2e: gatehouse ready at ${baseURL} (gateway ${gatewayURL}, data ${dataDir}, log ${logFile})`);
  } catch (e) {
    child.kill('SIGKILL');
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n') : '(no log)';
    throw new Error(`e2e: gatehouse did not become ready: ${(e as Error).message}\n--- ${bin} ${args.join(' ')}\n--- last lines of ${logFile}:\n${tail}`);
  }
}
