import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { sleep, untilOrAbort } from './abortable-waits.js';
import type { ServerReply } from './server-reply.js';
import { type ScriptedToolCall, toolCallDeltas, toolCallsOfMessage } from './tool-call-replies.js';

export type { ServerReply } from './server-reply.js';

/** The fields of a chat-completions request body that tests look at; the whole body is in `body`. */
export interface ChatCompletionRequest {
  readonly model?: string;
  readonly messages?: readonly { readonly role: string; readonly content: unknown }[];
  readonly stream?: boolean;
  readonly seed?: number;
  readonly temperature?: number;
  readonly top_p?: number;
  readonly max_tokens?: number;
  readonly response_format?: Readonly<Record<string, unknown>>;
  readonly stream_options?: Readonly<Record<string, unknown>>;
  readonly [field: string]: unknown;
}

/** One request the server received, in arrival order. */
export interface RecordedRequest {
  readonly method: string;
  /** The path with the query, such as `/v1/chat/completions`. */
  readonly path: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The parsed JSON body, or undefined for a body-less or unparseable request. */
  readonly body?: ChatCompletionRequest;
  /** `Date.now()` when the request arrived. */
  readonly receivedAt: number;
}

/** How a test scripts the server. Every field is optional. */
export interface OpenAICompatibleServerOptions {
  /** The answer's text, fixed or computed from the request (for seed-dependent answers). Defaults to `'ok'`. */
  readonly answer?: string | ((request: ChatCompletionRequest, callIndex: number) => string);
  /** How long to wait before answering, in milliseconds, fixed or per request. Defaults to 0. */
  readonly latencyMs?: number | ((request: ChatCompletionRequest, callIndex: number) => number);
  /** A delay between streamed chunks, in milliseconds. 0 (the default) writes the whole stream at once. */
  readonly chunkDelayMs?: number;
  /** Replies used in order by the first chat requests, before normal answers; `reply` and `answer` follow. */
  readonly failures?: readonly ServerReply[];
  /** Decides the reply of each chat request that `failures` does not; `undefined` means a normal answer. */
  readonly reply?: (request: ChatCompletionRequest, callIndex: number) => ServerReply | undefined;
  /** The models served, listed by GET /v1/models; a chat request for another model gets 404. Defaults to `['test-model']`. */
  readonly models?: readonly string[];
  /** When set, requests must carry `Authorization: Bearer <apiKey>`, or get 401. */
  readonly apiKey?: string;
  /** The most requests kept in `requests` (the counters keep counting). Defaults to 10,000. */
  readonly maxRecorded?: number;
  /** The longest a `hang` holds a request, in milliseconds. Defaults to 30,000. */
  readonly maxHangMs?: number;
  /** The server closes itself after this many milliseconds. Defaults to 120,000. */
  readonly lifetimeMs?: number;
}

/** A running loopback server speaking the OpenAI chat-completions protocol. */
export interface OpenAICompatibleServer {
  /** The base URL that clients take, ending in `/v1`, such as `http://127.0.0.1:41234/v1`. */
  readonly url: string;
  readonly port: number;
  /** Every request received (up to `maxRecorded`), in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** The bodies of the chat requests recorded, in arrival order. */
  chatRequests(): ChatCompletionRequest[];
  /** How many chat requests arrived, recorded or not. */
  readonly chatCount: number;
  /** The most chat requests that were in progress at once. */
  readonly maxConcurrent: number;
  /** How many TCP connections clients opened (fewer than requests when they keep connections alive). */
  readonly connectionCount: number;
  /** Adds replies to the end of the failure queue. */
  enqueue(...replies: ServerReply[]): void;
  /** Stops the server and destroys open connections. Safe to call twice. */
  close(): Promise<void>;
}

const maxBodyBytes = 4 * 1024 * 1024;

/** Splits text into the pieces a model would stream: each word with the space after it. */
export function streamPieces(text: string): string[] {
  return text.match(/\s*\S+\s*|\s+/g) ?? [];
}

/**
 * Starts an OpenAI-compatible chat-completions server on 127.0.0.1 at a free port, for tests and benchmarks:
 * POST /v1/chat/completions (JSON, or SSE with `stream: true`) and GET /v1/models. It answers `answer`, after
 * `latencyMs`, unless `failures` or `reply` script a failure. It records requests, bounds bodies, hangs and its
 * own lifetime, and does not keep the process alive.
 */
export async function startOpenAICompatibleServer(
  options: OpenAICompatibleServerOptions = {},
): Promise<OpenAICompatibleServer> {
  const models = options.models ?? ['test-model'];
  const maxRecorded = options.maxRecorded ?? 10_000;
  const maxHangMs = options.maxHangMs ?? 30_000;
  const queue: ServerReply[] = [...(options.failures ?? [])];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const closing = new AbortController();
  // Every request in progress listens for the close.
  setMaxListeners(0, closing.signal);
  let chatCount = 0;
  let inFlight = 0;
  let maxConcurrent = 0;
  let connectionCount = 0;
  let completionId = 0;

  const answerText = (request: ChatCompletionRequest, callIndex: number) =>
    typeof options.answer === 'function' ? options.answer(request, callIndex) : (options.answer ?? 'ok');

  const sendJson = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    response.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    response.end(text);
  };

  const sendError = (response: ServerResponse, status: number, message: string, type: string, code?: string) =>
    sendJson(response, status, { error: { message, type, param: null, code: code ?? null } });

  const completionBody = (
    model: string,
    text: string,
    finishReason: string,
    promptTokens: number,
    toolCalls?: readonly ScriptedToolCall[],
    usage: Readonly<Record<string, unknown>> = {},
  ) => ({
    id: `chatcmpl-${++completionId}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: toolCalls
          ? { role: 'assistant', content: text === '' ? null : text, tool_calls: toolCallsOfMessage(toolCalls) }
          : { role: 'assistant', content: text },
        finish_reason: finishReason,
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: streamPieces(text).length,
      total_tokens: promptTokens + streamPieces(text).length,
      ...usage,
    },
  });

  const streamChunks = (
    model: string,
    text: string,
    finishReason: string,
    promptTokens: number,
    withUsage: boolean,
    toolDeltas: readonly unknown[][] = [],
    extraUsage: Readonly<Record<string, unknown>> = {},
  ): string[] => {
    const id = `chatcmpl-${++completionId}`;
    const created = Math.floor(Date.now() / 1000);
    const chunk = (delta: Record<string, unknown>, finish: string | null) =>
      `data: ${JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [{ index: 0, delta, finish_reason: finish }],
      })}\n\n`;
    const pieces = streamPieces(text);
    const chunks = [
      chunk({ role: 'assistant', content: '' }, null),
      ...pieces.map((piece) => chunk({ content: piece }, null)),
      ...toolDeltas.map((fragments) => chunk({ tool_calls: fragments }, null)),
      chunk({}, finishReason),
    ];
    if (withUsage) {
      const usage = {
        prompt_tokens: promptTokens,
        completion_tokens: pieces.length,
        total_tokens: promptTokens + pieces.length,
        ...extraUsage,
      };
      chunks.push(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`,
      );
    }
    chunks.push('data: [DONE]\n\n');
    return chunks;
  };

  const handleChat = async (
    request: IncomingMessage,
    response: ServerResponse,
    body: ChatCompletionRequest | undefined,
  ) => {
    const callIndex = chatCount++;
    inFlight++;
    maxConcurrent = Math.max(maxConcurrent, inFlight);
    // Aborted when the client goes away or the server closes, so that waits end early.
    const gone = new AbortController();
    const onGone = () => gone.abort();
    response.on('close', onGone);
    closing.signal.addEventListener('abort', onGone, { once: true });
    try {
      if (!body) return sendError(response, 400, 'the body is not JSON', 'invalid_request_error');
      const model = String(body.model ?? '');
      if (!models.includes(model)) {
        return sendError(
          response,
          404,
          `The model \`${model}\` does not exist`,
          'invalid_request_error',
          'model_not_found',
        );
      }
      let scripted = queue.shift() ?? options.reply?.(body, callIndex) ?? { type: 'answer' };
      if (scripted.type === 'wait') {
        await untilOrAbort(scripted.until, gone.signal);
        if (gone.signal.aborted) return;
        scripted = { type: 'answer' };
      }
      const latency =
        typeof options.latencyMs === 'function' ? options.latencyMs(body, callIndex) : (options.latencyMs ?? 0);
      await sleep(latency, gone.signal);
      if (gone.signal.aborted) return;
      const streaming = body.stream === true;
      const promptTokens = (body.messages ?? []).reduce(
        (sum, message) => sum + streamPieces(typeof message.content === 'string' ? message.content : '').length,
        0,
      );
      switch (scripted.type) {
        case 'answer': {
          const text = scripted.text ?? answerText(body, callIndex);
          const finishReason = scripted.finishReason ?? 'stop';
          const usage = scripted.usage ?? {};
          if (!streaming) {
            return sendJson(response, 200, completionBody(model, text, finishReason, promptTokens, undefined, usage));
          }
          const withUsage = body.stream_options?.include_usage === true;
          const chunks = streamChunks(model, text, finishReason, promptTokens, withUsage, [], usage);
          response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
          if (!options.chunkDelayMs) return response.end(chunks.join(''));
          for (const chunk of chunks) {
            if (gone.signal.aborted) return;
            response.write(chunk);
            await sleep(options.chunkDelayMs, gone.signal);
          }
          return response.end();
        }
        case 'tool-calls': {
          const text = scripted.text ?? '';
          const finishReason = scripted.finishReason ?? 'tool_calls';
          if (!streaming) {
            return sendJson(response, 200, completionBody(model, text, finishReason, promptTokens, scripted.calls));
          }
          const deltas = scripted.deltas ?? toolCallDeltas(scripted.calls, scripted.interleave === true);
          const withUsage = body.stream_options?.include_usage === true;
          const whole = streamChunks(model, text, finishReason, promptTokens, withUsage, deltas).join('');
          response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
          if (!scripted.bytewise) return response.end(whole);
          for (const byte of Buffer.from(whole)) {
            if (gone.signal.aborted) return;
            await new Promise((resolve) => response.write(Buffer.of(byte), resolve));
          }
          return response.end();
        }
        case 'status': {
          const text =
            scripted.body ??
            JSON.stringify({
              error: {
                message: `scripted failure ${scripted.status}`,
                type: scripted.status === 429 ? 'rate_limit_error' : 'server_error',
                param: null,
                code: null,
              },
            });
          response.writeHead(scripted.status, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(text),
            ...scripted.headers,
          });
          return response.end(text);
        }
        case 'hang': {
          await sleep(maxHangMs, gone.signal);
          response.socket?.destroy();
          return;
        }
        case 'bad-json': {
          if (!streaming) {
            response.writeHead(200, { 'content-type': 'application/json' });
            return response.end('{"id": "chatcmpl-broken", "choices": [ this is not json');
          }
          response.writeHead(200, { 'content-type': 'text/event-stream' });
          return response.end('data: {"id": "chatcmpl-broken", "choices": [ not json\n\ndata: [DONE]\n\n');
        }
        case 'cut': {
          const text = answerText(body, callIndex);
          if (!streaming) {
            const whole = JSON.stringify(completionBody(model, text, 'stop', promptTokens));
            response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(whole) });
            response.write(whole.slice(0, Math.floor(whole.length / 2)));
          } else {
            const chunks = streamChunks(model, text, 'stop', promptTokens, false);
            response.writeHead(200, { 'content-type': 'text/event-stream' });
            response.write(chunks.slice(0, scripted.chunks ?? 2).join(''));
          }
          // Ending the socket (not destroying it) delivers what was written, then drops the connection mid-body.
          response.socket?.end();
          return;
        }
        case 'reset': {
          request.socket.destroy();
          return;
        }
        default:
          return scripted satisfies never;
      }
    } finally {
      inFlight--;
      response.off('close', onGone);
      closing.signal.removeEventListener('abort', onGone);
    }
  };

  const readBody = (request: IncomingMessage) =>
    new Promise<string | undefined>((resolve) => {
      const parts: Buffer[] = [];
      let size = 0;
      request.on('data', (part: Buffer) => {
        size += part.length;
        if (size <= maxBodyBytes) parts.push(part);
      });
      request.on('end', () => resolve(size > maxBodyBytes ? undefined : Buffer.concat(parts).toString('utf8')));
      request.on('error', () => resolve(undefined));
    });

  const server = createServer(async (request, response) => {
    const text = await readBody(request);
    let body: ChatCompletionRequest | undefined;
    try {
      body = text ? (JSON.parse(text) as ChatCompletionRequest) : undefined;
    } catch {
      body = undefined;
    }
    const path = request.url ?? '/';
    if (requests.length < maxRecorded) {
      requests.push({
        method: request.method ?? 'GET',
        path,
        headers: { ...request.headers },
        ...(body === undefined ? {} : { body }),
        receivedAt: Date.now(),
      });
    }
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendError(response, 401, 'Incorrect API key provided', 'invalid_request_error', 'invalid_api_key');
    }
    const route = path.split('?')[0];
    if (request.method === 'GET' && route === '/v1/models') {
      return sendJson(response, 200, {
        object: 'list',
        data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'informal-tests' })),
      });
    }
    if (request.method === 'POST' && route === '/v1/chat/completions') return handleChat(request, response, body);
    return sendError(response, 404, `no route for ${request.method} ${route}`, 'invalid_request_error');
  });
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket) => {
    connectionCount++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.unref();
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      clearTimeout(lifetime);
      closing.abort();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    return closed;
  };
  const lifetime = setTimeout(close, options.lifetimeMs ?? 120_000);
  lifetime.unref();

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    chatRequests: () =>
      requests.flatMap((recorded) =>
        recorded.path.startsWith('/v1/chat/completions') && recorded.body ? [recorded.body] : [],
      ),
    get chatCount() {
      return chatCount;
    },
    get maxConcurrent() {
      return maxConcurrent;
    },
    get connectionCount() {
      return connectionCount;
    },
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    close,
  };
}

/**
 * For a test file: returns a `serve` function that starts a server and closes every server it started after each
 * test. Call it at the top level of the file.
 */
export function useOpenAICompatibleServers(
  afterEach: (hook: () => Promise<void>) => void,
): (options?: OpenAICompatibleServerOptions) => Promise<OpenAICompatibleServer> {
  const servers: OpenAICompatibleServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (options = {}) => {
    const server = await startOpenAICompatibleServer(options);
    servers.push(server);
    return server;
  };
}
