import { InterpreterError } from '../../contracts/interpreter-error.js';
import { parseRetryAfter } from '../ai-sdk/parse-retry-after.js';
import { formatBytes } from '../ai-sdk/provider-settings.js';

/** What the errors of one interpreter name: the interpreter, the server, the key's variable. */
export interface ErrorContext {
  /** The interpreter's id, such as `openai-compatible:llama3.2`. */
  readonly interpreterId: string;
  /** The server's base URL, named when the connection fails. */
  readonly baseURL: string;
  /** The URL requests go to, `{baseURL}/chat/completions`. */
  readonly url: string;
  /** The environment variable of the key, named when the server refuses it. */
  readonly keyVariable: string;
  /** The clock, for Retry-After given as an HTTP date. */
  readonly now?: () => number;
}

const timeoutCodes = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/**
 * The failure of an answer with an error status: 401/403 `auth` (check the key's variable), 429 `rate-limit` and
 * 5xx `server`, with `retryAfterMs` from `retry-after-ms` or `Retry-After` (seconds or an HTTP date), 408
 * `timeout`, 404 `config` (the model or the path), other 4xx `request` (retryable for 409 only), and any other
 * status that is not a success `bad-response`. The message quotes the server's `error.message` when its body has
 * one, else the status text.
 */
export function statusError(
  status: number,
  statusText: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  body: string,
  context: ErrorContext,
): InterpreterError {
  const where = `${context.interpreterId} (${context.url})`;
  const said = `HTTP ${status}: ${serverMessage(body) ?? statusText}`;
  const details = { statusCode: status };
  if (status === 401 || status === 403) {
    return new InterpreterError(`${where} refused the key (${said})`, {
      kind: 'auth',
      ...details,
      hint: `check ${context.keyVariable}`,
    });
  }
  const retryAfterMs = parseRetryAfter(
    { 'retry-after-ms': single(headers['retry-after-ms']), 'retry-after': single(headers['retry-after']) },
    context.now?.(),
  );
  const waiting = retryAfterMs === undefined ? {} : { retryAfterMs };
  if (status === 429) {
    return new InterpreterError(`${where} is rate limited (${said})`, { kind: 'rate-limit', ...details, ...waiting });
  }
  if (status === 408) return new InterpreterError(`${where} timed out (${said})`, { kind: 'timeout', ...details });
  if (status >= 500)
    return new InterpreterError(`${where} failed (${said})`, { kind: 'server', ...details, ...waiting });
  if (status < 400) return unreadableAnswer(`the status is ${status}`, context, status);
  if (status === 404) {
    return new InterpreterError(`${where} does not know this model or path (${said})`, {
      kind: 'config',
      ...details,
      hint: `check the model name in \`${context.interpreterId}\` and the base URL ${context.baseURL}`,
    });
  }
  return new InterpreterError(`${where} refused the request (${said})`, {
    kind: 'request',
    isRetryable: status === 409,
    ...details,
  });
}

/** An answer that cannot be read (bad JSON, missing fields, a body or stream cut short): retryable `bad-response`. */
export function unreadableAnswer(reason: string, context: ErrorContext, status?: number): InterpreterError {
  return new InterpreterError(
    `${context.interpreterId} (${context.url}) sent an answer that cannot be read: ${reason}`,
    { kind: 'bad-response', ...(status === undefined ? {} : { statusCode: status }) },
  );
}

/**
 * An answer that arrived whole but whose tool calls are wrong (a call without a name, arguments that are not text,
 * fragments out of order): a `bad-response` that is not retried, since the same call brings the same answer.
 */
export function malformedAnswer(reason: string, context: ErrorContext, status?: number): InterpreterError {
  return new InterpreterError(`${context.interpreterId} (${context.url}) sent malformed tool calls: ${reason}`, {
    kind: 'bad-response',
    isRetryable: false,
    ...(status === undefined ? {} : { statusCode: status }),
    hint: 'the model or the server wrote tool calls that do not follow the chat-completions protocol',
  });
}

/** An error the server sent inside a streamed answer, after its status said success: retryable `server`. */
export function streamedError(message: string, context: ErrorContext): InterpreterError {
  return new InterpreterError(`${context.interpreterId} (${context.url}) failed mid-answer: ${message}`, {
    kind: 'server',
    statusCode: 200,
  });
}

/**
 * A connection that failed before any answer (refused, reset, unreachable): retryable `network`, with a hint
 * naming the base URL; a socket timeout is a `timeout`.
 */
export function connectionError(error: Error, context: ErrorContext): InterpreterError {
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && timeoutCodes.has(code)) {
    return new InterpreterError(`${context.interpreterId} (${context.url}) did not answer in time (${code})`, {
      kind: 'timeout',
      cause: error,
    });
  }
  const { baseURL } = context;
  return new InterpreterError(
    `cannot connect to ${baseURL}${typeof code === 'string' ? ` (${code})` : ''}: ${error.message}`,
    { kind: 'network', hint: `is the server running at ${baseURL}?`, cause: error },
  );
}

/**
 * The failure of a call whose signal aborted: a retryable `timeout` when the reason is a `TimeoutError` (the
 * engine's time limit, or the interpreter's `timeoutMs`), else a cancellation, `aborted`, not retried.
 */
export function abortError(reason: unknown, context: ErrorContext): InterpreterError {
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new InterpreterError(`${context.interpreterId} did not answer within the time allowed`, {
      kind: 'timeout',
      cause: reason,
    });
  }
  return new InterpreterError(`the call to ${context.interpreterId} was cancelled`, {
    kind: 'aborted',
    isRetryable: false,
    cause: reason,
  });
}

/** The message of an OpenAI-style error body, `{ "error": { "message": … } }`, when the body is one. */
function serverMessage(body: string): string | undefined {
  if (body.trim() === '') return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } } | null;
    const message = parsed?.error?.message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The failure of an answer larger than the interpreter allows (`maxResponseBytes`): a `bad-response` that is not
 * retried, since the same request would bring the same flood.
 */
export function responseTooLarge(maxBytes: number, context: ErrorContext, status: number): InterpreterError {
  return new InterpreterError(
    `${context.interpreterId} (${context.url}) sent a response larger than ${formatBytes(maxBytes)}; the call was stopped there`,
    {
      kind: 'bad-response',
      isRetryable: false,
      statusCode: status,
      hint: "lower the answer's length (maxTokens), or raise `settings.maxResponseBytes` of the interpreter in informal.config.ts",
    },
  );
}
