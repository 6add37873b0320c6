import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface EchoBackend {
  /** http://127.0.0.1:PORT, to use as an API's endpoint. */
  url: string;
  /** Unique to this backend: proves a response came from it. */
  token: string;
  close: () => Promise<void>;
}

/** A tiny upstream service that answers every request with {"hello": token, "path": url}. */
export async function startEchoBackend(): Promise<EchoBackend> {
  const token = randomUUID();
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ hello: token, path: req.url }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  if (!addr || typeof addr !== 'object') throw new Error('echo backend has no address');
  return {
    url: `http://127.0.0.1:${addr.port}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
