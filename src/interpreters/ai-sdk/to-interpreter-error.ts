import {
  APICallError,
  EmptyResponseBodyError,
  InvalidResponseDataError,
  JSONParseError,
  LoadAPIKeyError,
  NoContentGeneratedError,
  NoOutputGeneratedError,
  NoSuchModelError,
  TypeValidationError,
} from 'ai';
import { InterpreterError } from '../../contracts/interpreter-error.js';
import { parseRetryAfter } from './parse-retry-after.js';
import { formatBytes } from './provider-settings.js';
import { ResponseTooLargeError } from './response-too-large-error.js';

/** What the mapping knows about the interpreter, to name the fix in hints. */
export interface ErrorContext {
  /** The interpreter's id, such as `openai:gpt-4o-mini`, named in messages. */
  readonly interpreterId: string;
  /** The endpoint, named when the connection fails; the failed request's URL otherwise. */
  readonly baseURL?: string;
  /** The environment variable of the key, named when the key is refused. */
  readonly keyVariable?: string;
  /** The signal the call ran under: its reason tells a timeout from a cancellation. */
  readonly signal?: AbortSignal;
  /** The clock, for Retry-After given as an HTTP date. */
  readonly now?: () => number;
}

const timeoutCodes = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** The first `code` of a Node system or undici error along the chain of causes, such as `ECONNREFUSED`. */
function errorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const { code } = current as { code?: unknown };
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

/** The first error of a class along the chain of causes. */
function causeOfKind<Kind extends Error>(error: unknown, kind: new (...args: never[]) => Kind): Kind | undefined {
  const seen = new Set<unknown>();
  let current = error;
  while (current instanceof Error && !seen.has(current)) {
    if (current instanceof kind) return current;
    seen.add(current);
    current = current.cause;
  }
  return undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** The issues of a validation error (a zod error's), those inside unions too (a few levels deep). */
function issuesOf(value: unknown): Issue[] {
  if (!isRecord(value) || !Array.isArray(value.issues)) return [];
  const found: Issue[] = [];
  const visit = (issue: unknown, level: number) => {
    if (!isRecord(issue) || level > 4) return;
    if (Array.isArray(issue.path) && typeof issue.message === 'string') {
      found.push({ path: issue.path as PropertyKey[], message: issue.message });
    }
    if (Array.isArray(issue.errors)) {
      for (const branch of issue.errors) if (Array.isArray(branch)) for (const inner of branch) visit(inner, level + 1);
    }
  };
  for (const issue of value.issues) visit(issue, 0);
  return found;
}

/**
 * Why an AI SDK error is about the tool calls of an answer that arrived whole, when it is: a validation error of
 * the answer whose issue lies under `tool_calls` (a call without a name, arguments that are not text), or a
 * provider's refusal of a streamed tool-call fragment (`InvalidResponseDataError` with the fragment as its data).
 * Such an answer is the model's, and the same call brings it again: it is not worth a retry.
 */
function malformedToolCalls(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    if (InvalidResponseDataError.isInstance(current)) {
      const { data } = current;
      if (isRecord(data) && ('function' in data || 'index' in data)) return current.message;
    }
    if (TypeValidationError.isInstance(current)) {
      for (const issue of issuesOf(current.cause)) {
        const at = issue.path.indexOf('tool_calls');
        if (at === -1) continue;
        const [position, ...rest] = issue.path.slice(at + 1);
        const which = typeof position === 'number' ? `tool call ${position + 1}` : 'a tool call';
        return `${which}${rest.length > 0 ? ` (${rest.map(String).join('.')})` : ''}: ${issue.message}`;
      }
    }
  }
  return undefined;
}

const isTimeoutReason = (reason: unknown) => reason instanceof Error && reason.name === 'TimeoutError';

/** The endpoint to name: the configured base URL, else the origin of the failed request. */
function endpoint(context: ErrorContext, url: string | undefined): string {
  if (context.baseURL) return context.baseURL;
  if (!url) return 'the configured URL';
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function fromApiCallError(error: APICallError, context: ErrorContext): InterpreterError {
  const { statusCode } = error;
  const where = `${context.interpreterId} (${error.url})`;
  if (statusCode === undefined) {
    const code = errorCode(error.cause) ?? errorCode(error);
    if (code !== undefined && timeoutCodes.has(code)) {
      return new InterpreterError(`${where} did not answer in time (${code})`, { kind: 'timeout', cause: error });
    }
    const url = endpoint(context, error.url);
    return new InterpreterError(`cannot connect to ${url}${code ? ` (${code})` : ''}: ${error.message}`, {
      kind: 'network',
      hint: `is the server running at ${url}?`,
      cause: error,
    });
  }
  const details = { statusCode, cause: error };
  const said = `HTTP ${statusCode}: ${error.message}`;
  if (statusCode === 401 || statusCode === 403) {
    return new InterpreterError(`${where} refused the key (${said})`, {
      kind: 'auth',
      ...details,
      hint: context.keyVariable ? `check ${context.keyVariable}` : 'check the API key',
    });
  }
  const retryAfterMs = parseRetryAfter(error.responseHeaders, context.now?.());
  const waiting = retryAfterMs === undefined ? {} : { retryAfterMs };
  if (statusCode === 429) {
    return new InterpreterError(`${where} is rate limited (${said})`, { kind: 'rate-limit', ...details, ...waiting });
  }
  if (statusCode === 408) return new InterpreterError(`${where} timed out (${said})`, { kind: 'timeout', ...details });
  if (statusCode >= 500) {
    return new InterpreterError(`${where} failed (${said})`, { kind: 'server', ...details, ...waiting });
  }
  if (statusCode < 400) {
    // A success status whose body could not be read: bad JSON, a missing field, or a stream cut short.
    return new InterpreterError(`${where} sent an answer that cannot be read: ${error.message}`, {
      kind: 'bad-response',
      ...details,
    });
  }
  if (statusCode === 404) {
    return new InterpreterError(`${where} does not know this model or path (${said})`, {
      kind: 'config',
      ...details,
      hint: `check the model name in \`${context.interpreterId}\`${context.baseURL ? ` and the base URL ${context.baseURL}` : ''}`,
    });
  }
  // Other 4xx: the SDK's own judgement decides (it retries 409 conflicts, for one).
  return new InterpreterError(`${where} refused the request (${said})`, {
    kind: 'request',
    isRetryable: error.isRetryable,
    ...details,
  });
}

/**
 * Turns whatever an AI SDK call threw into an `InterpreterError`, from the error's fields (status, headers,
 * codes, the signal's reason), never from its message: 401/403 auth, 429 rate-limit (with Retry-After), 5xx
 * server, timeouts, refused or reset connections network, unreadable answers bad-response (not retried when their
 * tool calls are malformed, see `malformedToolCalls`), 404 config, other 4xx request.
 */
export function toInterpreterError(error: unknown, context: ErrorContext): InterpreterError {
  if (error instanceof InterpreterError) return error;
  const tooLarge = causeOfKind(error, ResponseTooLargeError);
  if (tooLarge) {
    return new InterpreterError(
      `${context.interpreterId} (${tooLarge.url}) sent a response larger than ${formatBytes(tooLarge.maxBytes)}; the call was stopped there`,
      {
        kind: 'bad-response',
        isRetryable: false,
        cause: error,
        hint: "lower the answer's length (maxTokens), or raise `settings.maxResponseBytes` of the interpreter in informal.config.ts",
      },
    );
  }
  const { signal } = context;
  const isAbort = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
  if (signal?.aborted || isAbort) {
    const reason = signal?.aborted ? signal.reason : error;
    if (isTimeoutReason(reason) || isTimeoutReason(error)) {
      return new InterpreterError(`${context.interpreterId} did not answer within the time allowed`, {
        kind: 'timeout',
        cause: error,
      });
    }
    return new InterpreterError(`the call to ${context.interpreterId} was cancelled`, {
      kind: 'aborted',
      isRetryable: false,
      cause: error,
    });
  }
  const malformed = malformedToolCalls(error);
  if (malformed !== undefined) {
    return new InterpreterError(`${context.interpreterId} sent malformed tool calls: ${malformed}`, {
      kind: 'bad-response',
      isRetryable: false,
      cause: error,
      hint: 'the model or the server wrote tool calls that do not follow the protocol',
    });
  }
  if (APICallError.isInstance(error)) return fromApiCallError(error, context);
  if (
    JSONParseError.isInstance(error) ||
    TypeValidationError.isInstance(error) ||
    InvalidResponseDataError.isInstance(error) ||
    EmptyResponseBodyError.isInstance(error) ||
    NoContentGeneratedError.isInstance(error) ||
    NoOutputGeneratedError.isInstance(error)
  ) {
    return new InterpreterError(`${context.interpreterId} sent an answer that cannot be read: ${error.message}`, {
      kind: 'bad-response',
      cause: error,
    });
  }
  if (LoadAPIKeyError.isInstance(error)) {
    return new InterpreterError(error.message, {
      kind: 'auth',
      isRetryable: false,
      cause: error,
      ...(context.keyVariable ? { hint: `set ${context.keyVariable}` } : {}),
    });
  }
  if (NoSuchModelError.isInstance(error)) {
    return new InterpreterError(error.message, { kind: 'config', cause: error, hint: 'check the model name' });
  }
  const code = errorCode(error);
  if (code !== undefined) {
    // A connection error the SDK did not wrap, such as a socket closed while a body was read.
    return new InterpreterError(`the connection to ${endpoint(context, undefined)} failed (${code})`, {
      kind: timeoutCodes.has(code) ? 'timeout' : 'network',
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new InterpreterError(`${context.interpreterId} failed: ${message}`, {
    kind: 'request',
    isRetryable: false,
    cause: error,
  });
}
