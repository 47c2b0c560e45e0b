// The loopback server of the latency benchmark, in a worker thread of its own, so that its work (parsing
// requests, timers, JSON) does not share an event loop with the run it serves. Driven by messages:
// `start` (a fresh server, answers its URL), `stats` (its counters), `close`.
import { parentPort } from 'node:worker_threads';
import {
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from '../../tests/support/openai-compatible-server.js';
import { echoWord } from './echo-word.js';

/** A request to the server thread. */
export type ServerCommand =
  | { readonly type: 'start'; readonly latencyMs: number; readonly models?: readonly string[] }
  | { readonly type: 'stats' }
  | { readonly type: 'close' };

/** The counters of the server, as `stats` answers them. */
export interface ServerStats {
  readonly chatCount: number;
  readonly maxConcurrent: number;
  readonly connectionCount: number;
}

const port = parentPort;
if (!port) throw new Error('server-thread.ts runs as a worker thread');
let server: OpenAICompatibleServer | undefined;

port.on('message', async (command: ServerCommand) => {
  switch (command.type) {
    case 'start':
      await server?.close();
      server = await startOpenAICompatibleServer({
        latencyMs: command.latencyMs,
        ...(command.models ? { models: command.models } : {}),
        answer: echoWord,
        maxRecorded: 0,
        lifetimeMs: 3_600_000,
      });
      port.postMessage({ url: server.url });
      return;
    case 'stats':
      port.postMessage({
        chatCount: server?.chatCount ?? 0,
        maxConcurrent: server?.maxConcurrent ?? 0,
        connectionCount: server?.connectionCount ?? 0,
      } satisfies ServerStats);
      return;
    case 'close':
      await server?.close();
      port.close();
      return;
    default:
      return command satisfies never;
  }
});
