import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback server that answers every chat completion with a body of `totalBytes`, made as it is sent. */
export interface FloodingServer {
  /** The base URL, `http://127.0.0.1:<port>/v1`. */
  readonly url: string;
  /** Chat requests received. */
  readonly requests: number;
  /** Bytes of answers written to sockets so far, over all requests. */
  readonly bytesSent: number;
  /** Resolves once `count` answers have ended (written whole, or left by the client): the bytes written for each. */
  answersEnded(count: number): Promise<number[]>;
  close(): Promise<void>;
}

const piece = Buffer.alloc(64 * 1024, 'a');

/** Writes `bytes` of `next()` pieces with back-pressure, until done or the client goes; resolves with bytes written. */
async function pour(response: ServerResponse, bytes: number, next: () => Buffer): Promise<number> {
  let written = 0;
  let wake: (() => void) | undefined;
  const resume = () => wake?.();
  response.on('drain', resume).on('close', resume);
  while (written < bytes && !response.destroyed) {
    const chunk = next();
    written += chunk.length;
    if (!response.write(chunk)) await new Promise<void>((resolve) => (wake = resolve));
  }
  response.off('drain', resume).off('close', resume);
  return written;
}

/**
 * Serves `GET /v1/models` (so that setup finds it) and answers `POST /v1/chat/completions` with an endless-looking
 * answer of `totalBytes` (600 MB by default), generated in 64 KB pieces as the client reads: one JSON body whose
 * text is all `a`, or for a streaming call (`"stream": true`) server-sent events of 64 KB of text each.
 */
export async function startFloodingServer(totalBytes = 600 * 1024 * 1024): Promise<FloodingServer> {
  let requests = 0;
  let bytesSent = 0;
  const ended: number[] = [];
  const waiting: { count: number; resolve: (bytes: number[]) => void }[] = [];
  const notify = () => {
    for (const waiter of waiting.filter((entry) => ended.length >= entry.count)) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(ended.slice(0, waiter.count));
    }
  };
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    if (request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"list","data":[]}');
      return;
    }
    requests++;
    const streams = /"stream"\s*:\s*true/.test(body);
    let written = 0;
    if (streams) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const event = Buffer.from(
        `data: ${JSON.stringify({ id: 'x', choices: [{ index: 0, delta: { content: piece.toString() } }] })}\n\n`,
      );
      written = await pour(response, totalBytes, () => event);
    } else {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"');
      written = await pour(response, totalBytes, () => piece);
    }
    bytesSent += written;
    if (!response.destroyed) response.end(streams ? 'data: [DONE]\n\n' : '"},"finish_reason":"stop"}]}');
    ended.push(written);
    notify();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return requests;
    },
    get bytesSent() {
      return bytesSent;
    },
    answersEnded: (count) =>
      new Promise((resolve) => {
        waiting.push({ count, resolve });
        notify();
      }),
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
