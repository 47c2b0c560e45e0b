import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { StringDecoder } from 'node:string_decoder';
import type { Interpreter, InterpretOptions } from '../../contracts/interpreter.js';
import type { InterpreterCall } from '../../contracts/interpreter-call.js';
import { InterpreterError } from '../../contracts/interpreter-error.js';
import type { StepResult } from '../../contracts/step-result.js';
import { redactInterpreterError } from '../../util/redact-interpreter-error.js';
import {
  redactKnownSecrets,
  redactSecrets,
  registerKnownSecrets,
  secretsInHeaders,
  secretsInURL,
} from '../../util/redact-secrets.js';
import { defaultMaxResponseBytes } from '../ai-sdk/provider-settings.js';
import { type ChatCompletionAnswer, readChatCompletion } from './chat-completion-answer.js';
import { toChatRequestBody } from './chat-completion-request.js';
import { ChatCompletionStream } from './chat-completion-stream.js';
import {
  abortError,
  connectionError,
  type ErrorContext,
  malformedAnswer,
  responseTooLarge,
  statusError,
  streamedError,
  unreadableAnswer,
} from './client-errors.js';
import { serverEndpoint } from './server-endpoint.js';
import { ServerSentEvents } from './server-sent-events.js';

/** Where and how an interpreter talks to an OpenAI-compatible server. */
export interface OpenAICompatibleInterpreterOptions {
  /** The model the server serves, sent as `model`. */
  readonly model: string;
  /**
   * The server's base URL, http or https, such as `http://127.0.0.1:11434/v1`; requests go to `/chat/completions`
   * under its path, its query kept. A user and password in it are sent as basic authorization (a key wins over them).
   */
  readonly baseURL: string;
  /** Sent as `Authorization: Bearer <apiKey>` when given. */
  readonly apiKey?: string;
  /** Extra headers for every request; they win over the interpreter's own (an `authorization` of their own too). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Whether the server takes `response_format: json_schema`. Defaults to true. */
  readonly structuredOutputs?: boolean;
  /** A limit on every call, in milliseconds, on top of the caller's signal: past it, a retryable `timeout`. */
  readonly timeoutMs?: number;
  /** The id users type. Defaults to `openai-compatible:<model>`. */
  readonly id?: string;
  /**
   * A short description for reports. Defaults to "<model> on the OpenAI-compatible server at <baseURL>". Credentials
   * in it are masked, as in every error message (see `redactSecrets`).
   */
  readonly description?: string;
  /** The environment variable of the key, named when the server refuses it. Defaults to OPENAI_COMPATIBLE_API_KEY. */
  readonly keyVariable?: string;
  /**
   * The largest answer a call reads, in bytes of the response body as received (JSON or server-sent events): past
   * it the call stops and fails with a `bad-response` error that is not retried. Defaults to 16 MB.
   */
  readonly maxResponseBytes?: number;
  /**
   * The clock in milliseconds since the epoch, for Retry-After given as an HTTP date and for the time to the first
   * token of a streamed answer; injected in tests. Defaults to `Date.now`.
   */
  readonly now?: () => number;
  /** Streams every answer, also when nobody listens to tokens, so that results have `firstTokenMs`. */
  readonly stream?: boolean;
}

/** A listener that keeps no token: streaming only for the time to the first one. */
const ignoreToken = (_text: string) => {};

/**
 * An interpreter for a server that speaks OpenAI's chat completions (Ollama, vLLM, LM Studio, llama.cpp's server),
 * written directly on node:http and node:https with kept-alive connections, because at 64 calls in flight the
 * CPU a client spends per call decides how soon the next calls go out. Each call is one `POST
 * {baseURL}/chat/completions` (see `toChatRequestBody` for what it sends): the answer is read whole as JSON when
 * nobody listens to tokens, and as server-sent events, each piece of text passed to `onToken`, when someone does
 * (then the result says how long the first piece of text or of a tool call took, in `firstTokenMs`).
 * The text comes back as the server wrote it, for the engine to validate. Nothing is retried here: the engine owns
 * retries. Failures reject with an `InterpreterError` whose kind says whether trying again can help (see
 * `client-errors.ts`). `close()` closes the kept-alive connections; calls after it open new ones.
 */
export function createOpenAICompatibleInterpreter(options: OpenAICompatibleInterpreterOptions): Interpreter {
  const { model, baseURL, timeoutMs, now } = options;
  const clock = now ?? Date.now;
  const id = options.id ?? `openai-compatible:${model}`;
  const endpoint = serverEndpoint(baseURL, '/chat/completions');
  const { url } = endpoint;
  // Masked wherever a server echoes them, in every error: the key, the base URL's credentials, the auth headers.
  const secrets = [
    ...(options.apiKey ? [options.apiKey] : []),
    ...secretsInURL(baseURL),
    ...secretsInHeaders(options.headers),
    ...(endpoint.basicAuthorization ? [endpoint.basicAuthorization.replace(/^Basic /, '')] : []),
  ];
  registerKnownSecrets(secrets);
  const maxResponseBytes = options.maxResponseBytes ?? defaultMaxResponseBytes;
  const secure = url.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const send = secure ? httpsRequest : httpRequest;
  const target = {
    protocol: url.protocol,
    // node:http takes an IPv6 host without its brackets.
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    ...(url.port === '' ? {} : { port: Number(url.port) }),
    path: `${url.pathname}${url.search}`,
    method: 'POST',
    agent,
  };
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'informal',
    ...(endpoint.basicAuthorization ? { authorization: endpoint.basicAuthorization } : {}),
    ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
    ...options.headers,
  };
  const context: ErrorContext = {
    interpreterId: id,
    baseURL: redactSecrets(baseURL, secrets),
    url: redactSecrets(url.href, secrets),
    keyVariable: options.keyVariable ?? 'OPENAI_COMPATIBLE_API_KEY',
    ...(now === undefined ? {} : { now }),
  };
  const requestOptions = { model, structuredOutputs: options.structuredOutputs ?? true };

  const interpret = (call: InterpreterCall, callOptions: InterpretOptions): Promise<StepResult> =>
    new Promise<StepResult>((resolve, reject) => {
      const { signal } = callOptions;
      const onToken = callOptions.onToken ?? (options.stream ? ignoreToken : undefined);
      const started = clock();
      if (signal?.aborted) return reject(abortError(signal.reason, context));
      const body = toChatRequestBody(call, callOptions.seed, onToken !== undefined, requestOptions);
      const request = send({ ...target, headers: { ...headers, 'content-length': Buffer.byteLength(body.json) } });
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const settle = () => {
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const succeed = (result: StepResult) => {
        if (settled) return;
        settle();
        resolve(result);
      };
      /** Rejects the call; the connection is dropped unless the answer was read to its end. */
      const fail = (error: InterpreterError, keepConnection = false) => {
        if (settled) return;
        settle();
        reject(redactInterpreterError(error, secrets));
        if (!keepConnection) request.destroy();
      };
      const onAbort = () => fail(abortError(signal?.reason, context));
      const notRead = (read: { reason: string; malformed?: boolean }, status: number) =>
        read.malformed ? malformedAnswer(read.reason, context, status) : unreadableAnswer(read.reason, context, status);
      // A server that echoes the key into the answer, or into a tool's arguments, does not get it into the trace.
      const toResult = (answer: ChatCompletionAnswer): StepResult => ({
        ...answer,
        text: redactKnownSecrets(answer.text, secrets),
        ...(answer.toolCalls
          ? {
              toolCalls: answer.toolCalls.map((toolCall) => ({
                ...toolCall,
                arguments: redactKnownSecrets(toolCall.arguments, secrets),
              })),
            }
          : {}),
        warnings: body.warnings,
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs !== undefined) {
        timer = setTimeout(
          () => fail(abortError(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'), context)),
          timeoutMs,
        );
      }
      request.on('error', (error) => fail(connectionError(error, context)));
      request.on('response', (message: IncomingMessage) => {
        const status = message.statusCode ?? 0;
        const succeeded = status >= 200 && status < 300;
        let text = '';
        const failedStatus = () => statusError(status, message.statusMessage ?? '', message.headers, text, context);
        // Bytes are counted as they arrive, so that an endless answer stops at the limit instead of filling memory.
        const decoder = new StringDecoder('utf8');
        let received = 0;
        const decode = (chunk: Buffer): string | undefined => {
          received += chunk.length;
          if (received <= maxResponseBytes) return decoder.write(chunk);
          fail(responseTooLarge(maxResponseBytes, context, status));
          return undefined;
        };
        // A dropped connection shows as a close before the end; the error that comes with it says no more.
        message.on('error', () => {});
        message.once('close', () => {
          if (message.complete) return;
          // An error status is the failure even when its body was cut; a success cut short cannot be read.
          fail(succeeded ? unreadableAnswer('the connection closed mid-answer', context, status) : failedStatus());
        });
        if (!succeeded || onToken === undefined) {
          message.on('data', (chunk: Buffer) => {
            if (settled) return;
            const piece = decode(chunk);
            if (piece !== undefined) text += piece;
          });
          message.once('end', () => {
            if (!succeeded) return fail(failedStatus(), true);
            const read = readChatCompletion(text + decoder.end());
            if (!read.ok) return fail(notRead(read, status), true);
            succeed(toResult(read.answer));
          });
          return;
        }
        const events = new ServerSentEvents();
        const stream = new ChatCompletionStream(onToken, { started, clock });
        const onData = (data: string): boolean => {
          const problem = stream.event(data);
          if (problem === undefined) return !settled;
          fail(
            problem.type === 'server-error'
              ? streamedError(problem.message, context)
              : notRead({ reason: problem.reason, malformed: problem.type === 'malformed' }, status),
          );
          return false;
        };
        message.on('data', (chunk: Buffer) => {
          if (settled) return;
          const piece = decode(chunk);
          if (piece === undefined) return;
          try {
            events.push(piece, onData);
          } catch (error) {
            // A listener of tokens threw: the call fails with its error, as any other failure of the caller's.
            const said = error instanceof Error ? error.message : String(error);
            fail(new InterpreterError(`${id} failed: ${said}`, { kind: 'request', isRetryable: false, cause: error }));
          }
        });
        message.once('end', () => {
          if (settled) return;
          events.push(decoder.end(), onData);
          const read = stream.end();
          if (!read.ok) return fail(notRead(read, status), true);
          succeed(toResult(read.answer));
        });
      });
      request.end(body.json);
    });

  return {
    id,
    description: redactSecrets(
      options.description ?? `${model} on the OpenAI-compatible server at ${baseURL}`,
      secrets,
    ),
    interpret,
    async close() {
      agent.destroy();
    },
  };
}
