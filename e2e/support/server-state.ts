import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where global-setup writes what the tests need to know about the running server. */
export const stateFile = resolve(import.meta.dirname, '..', '.state', 'server.json');

export type Role = 'admin' | 'publisher' | 'subscriber';

/** `{data-dir}/demo-credentials.json`, written by `gatehouse serve --demo`. */
export interface DemoCredentials {
  users: Record<Role, { password: string }>;
  application?: { name: string; clientId: string; clientSecret: string };
}

export interface ServerState {
  /** The control plane: portals, /graphql, /auth. */
  baseURL: string;
  /** The embedded gateway. */
  gatewayURL: string;
  dataDir: string;
  logFile: string;
  pid: number;
  credentials: DemoCredentials;
}

export function readServerState(): ServerState {
  return JSON.parse(readFileSync(stateFile, 'utf8')) as ServerState;
}
