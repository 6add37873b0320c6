import { existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { readServerState, stateFile } from './support/server-state';

/** Stops the server global-setup started and removes its data (unless E2E_KEEP_DATA is set). */
export default async function globalTeardown(): Promise<void> {
  if (!existsSync(stateFile)) return;
  const state = readServerState();
  if (state.pid > 0 && alive(state.pid)) {
    process.kill(state.pid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (alive(state.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive(state.pid)) process.kill(state.pid, 'SIGKILL');
  }
  rmSync(stateFile, { force: true });
  if (!process.env.E2E_KEEP_DATA) rmSync(dirname(state.dataDir), { recursive: true, force: true });
  else console.log(`e2e: kept ${dirname(state.dataDir)}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
