// The loopback server as the latency benchmark drives it: in a worker thread (the default) or in the benchmark's
// own process (`--server inline`, to measure what sharing the event loop costs).
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import {
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from '../../tests/support/openai-compatible-server.js';
import { echoWord } from './echo-word.js';
import type { ServerCommand, ServerStats } from './server-thread.js';

/** A loopback server that can be restarted fresh for each repetition. */
export interface BenchServer {
  /**
   * Starts a fresh server (closing the previous one) answering after `latencyMs`, serving `models` (by default the
   * test server's one); resolves to its base URL.
   */
  start(latencyMs: number, models?: readonly string[]): Promise<string>;
  /** The counters of the current server. */
  stats(): Promise<ServerStats>;
  close(): Promise<void>;
}

/** The server in a worker thread of its own. */
export async function startServerThread(): Promise<BenchServer> {
  // The worker's entry is TypeScript: it registers tsx's loader in the worker first (workers do not inherit it).
  const entry = new URL('./server-thread.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(bootstrap, { eval: true });
  const ask = async <Answer>(command: ServerCommand): Promise<Answer> => {
    const answer = once(worker, 'message');
    worker.postMessage(command);
    return (await answer)[0] as Answer;
  };
  return {
    start: async (latencyMs, models) =>
      (await ask<{ url: string }>({ type: 'start', latencyMs, ...(models ? { models } : {}) })).url,
    stats: () => ask<ServerStats>({ type: 'stats' }),
    close: async () => {
      worker.postMessage({ type: 'close' } satisfies ServerCommand);
      await once(worker, 'exit');
    },
  };
}

/** The server in this process, sharing the run's event loop. */
export async function startServerInline(): Promise<BenchServer> {
  let server: OpenAICompatibleServer | undefined;
  return {
    async start(latencyMs, models) {
      await server?.close();
      server = await startOpenAICompatibleServer({
        latencyMs,
        ...(models ? { models } : {}),
        answer: echoWord,
        maxRecorded: 0,
        lifetimeMs: 3_600_000,
      });
      return server.url;
    },
    stats: async () => ({
      chatCount: server?.chatCount ?? 0,
      maxConcurrent: server?.maxConcurrent ?? 0,
      connectionCount: server?.connectionCount ?? 0,
    }),
    close: async () => server?.close(),
  };
}
