import { createServer } from 'node:net';

/** A loopback TCP server that counts the connections it gets: sandboxed code must give it none. */
export interface CountingServer {
  readonly port: number;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** Starts a counting server on a free loopback port. */
export async function startCountingServer(): Promise<CountingServer> {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.end('hello');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
