import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable, Transform } from 'node:stream';
import { ResponseTooLargeError } from './response-too-large-error.js';

/** A `fetch` over node:http and node:https, and a way to close the connections it keeps alive. */
export interface NodeHttpFetch {
  readonly fetch: typeof globalThis.fetch;
  /** Closes the kept-alive connections. Calls after it still work, on new connections. */
  close(): void;
}

/** How the fetch reads answers. */
export interface NodeHttpFetchOptions {
  /** The largest response body read, in bytes as received; unlimited when not given. */
  readonly maxResponseBytes?: number;
}

const nullBodyStatuses = new Set([101, 204, 205, 304]);

function requestHeaders(headers: RequestInit['headers']): Record<string, string> {
  if (headers === undefined) return {};
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(new Headers(headers));
  const record: Record<string, string> = {};
  // The SDK passes a plain record, possibly with undefined values.
  for (const [name, value] of Object.entries(headers as Record<string, string | undefined>)) {
    if (value !== undefined) record[name] = value;
  }
  return record;
}

function responseHeaders(message: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = message.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2)
    headers.append(raw[index] as string, raw[index + 1] as string);
  return headers;
}

/** What `fetch` rejects with when its signal aborts: the signal's reason, as undici does. */
const abortReason = (signal: AbortSignal | undefined): unknown =>
  signal?.reason ?? new DOMException('This operation was aborted', 'AbortError');

/** A body that fails as undici's does when the connection drops mid-body: `TypeError: terminated`. */
const failingBody = (cause: unknown) =>
  new ReadableStream<Uint8Array>({ start: (controller) => controller.error(new TypeError('terminated', { cause })) });

/**
 * A `fetch` for the AI SDK's providers, on node:http(s) agents that keep connections alive. On Node 20 the
 * built-in fetch (undici) spends most of a short call in its web streams, Request and Response machinery; at 64
 * calls in flight on a local server that costs more CPU than the rest of the run. This one sends the request with
 * node:http, reads a JSON (or any non-SSE) answer whole into a `Response`, and streams only server-sent events.
 * It fails as the built-in fetch does, so the SDK's error handling holds: `TypeError('fetch failed')` with the
 * socket error as `cause` when no answer arrives, the signal's reason when aborted, a body that fails with
 * `TypeError('terminated')` when the connection drops mid-answer. Requests it does not handle (a `Request`
 * object, a body that is not a string, another protocol) go to the built-in fetch. It does not follow redirects
 * and does not ask for compressed answers. An answer past `maxResponseBytes` stops the download: `fetch` rejects
 * with a `ResponseTooLargeError`, or a streamed body fails with one.
 */
export function createNodeHttpFetch(options: NodeHttpFetchOptions = {}): NodeHttpFetch {
  const { maxResponseBytes = Number.POSITIVE_INFINITY } = options;
  const httpAgent = new HttpAgent({ keepAlive: true });
  const httpsAgent = new HttpsAgent({ keepAlive: true });

  const fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const body = init?.body;
    const url = typeof input === 'string' ? new URL(input) : input instanceof URL ? input : undefined;
    if (!url || (body != null && typeof body !== 'string') || !/^https?:$/.test(url.protocol)) {
      return globalThis.fetch(input, init);
    }
    const signal = init?.signal ?? undefined;
    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const secure = url.protocol === 'https:';
      const headers = requestHeaders(init?.headers);
      if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
      const method = init?.method ?? 'GET';
      const request = (secure ? httpsRequest : httpRequest)(url, {
        method,
        headers,
        agent: secure ? httpsAgent : httpAgent,
      });
      const onAbort = () => request.destroy(abortReason(signal) as Error);
      signal?.addEventListener('abort', onAbort, { once: true });
      const settled = () => signal?.removeEventListener('abort', onAbort);

      request.on('error', (error) => {
        settled();
        reject(signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', { cause: error }));
      });
      request.on('response', (message) => {
        const status = message.statusCode ?? 0;
        const answer = (responseBody: ConstructorParameters<typeof Response>[0]) => {
          try {
            resolve(
              new Response(responseBody, {
                status,
                statusText: message.statusMessage ?? '',
                headers: responseHeaders(message),
              }),
            );
          } catch (error) {
            reject(new TypeError('fetch failed', { cause: error }));
          }
        };
        if (nullBodyStatuses.has(status) || method === 'HEAD') {
          message.resume();
          settled();
          return answer(null);
        }
        if (/^text\/event-stream\b/i.test(message.headers['content-type'] ?? '')) {
          // Events are passed on as they arrive; the abort listener stays until the stream closes.
          message.once('close', settled);
          let streamed = 0;
          const counted = new Transform({
            transform(chunk: Buffer, _encoding, done) {
              streamed += chunk.length;
              if (streamed <= maxResponseBytes) return done(null, chunk);
              request.destroy();
              done(new ResponseTooLargeError(maxResponseBytes, url.href));
            },
          });
          message.once('error', (error) => counted.destroy(error));
          return answer(Readable.toWeb(message.pipe(counted)) as ReadableStream<Uint8Array>);
        }
        const chunks: Buffer[] = [];
        let received = 0;
        let tooLarge = false;
        message.on('data', (chunk: Buffer) => {
          if (tooLarge) return;
          received += chunk.length;
          if (received <= maxResponseBytes) return void chunks.push(chunk);
          tooLarge = true;
          chunks.length = 0;
          settled();
          reject(new ResponseTooLargeError(maxResponseBytes, url.href));
          request.destroy();
        });
        message.once('end', () => {
          if (tooLarge) return;
          settled();
          answer(Buffer.concat(chunks));
        });
        message.once('error', (error) => {
          if (tooLarge) return;
          settled();
          if (signal?.aborted) reject(abortReason(signal));
          else answer(failingBody(error));
        });
      });
      request.end(body ?? undefined);
    });
  };

  return {
    fetch: fetch as typeof globalThis.fetch,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
