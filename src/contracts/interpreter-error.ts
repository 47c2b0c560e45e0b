/** What kind of failure an interpreter met; decides whether trying again can help. */
export type InterpreterErrorKind =
  /** A missing or refused key: fix the environment. */
  | 'auth'
  /** 429 or a quota: wait (`retryAfterMs` when the server said how long) and try again. */
  | 'rate-limit'
  /** A 5xx answer or an overloaded backend. */
  | 'server'
  /** No answer within the time allowed. */
  | 'timeout'
  /** The connection failed: refused, reset, unreachable. */
  | 'network'
  /** An answer that could not be read: bad JSON, a missing field, a stream cut short. */
  | 'bad-response'
  /** The request was refused as malformed (4xx other than 401/403/429): trying again will not help. */
  | 'request'
  /** The interpreter cannot be set up as configured: an unknown model, a missing file, a missing package. */
  | 'config'
  /** The caller's signal aborted the call. */
  | 'aborted';

/**
 * A failure of an interpreter's backend, with the facts as fields rather than words in a message. The engine
 * retries only errors whose `isRetryable` is true, waiting at least `retryAfterMs` when it is given.
 */
export class InterpreterError extends Error {
  override readonly name = 'InterpreterError';
  readonly kind: InterpreterErrorKind;
  readonly isRetryable: boolean;
  /** The HTTP status of the answer, for HTTP backends. */
  readonly statusCode?: number;
  /** How long the server asked us to wait (from Retry-After), in milliseconds. */
  readonly retryAfterMs?: number;
  /** What the user can do about it, such as "set OPENAI_API_KEY". */
  readonly hint?: string;

  constructor(
    message: string,
    details: {
      kind: InterpreterErrorKind;
      isRetryable?: boolean;
      statusCode?: number;
      retryAfterMs?: number;
      hint?: string;
      cause?: unknown;
    },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = details.kind;
    this.isRetryable =
      details.isRetryable ?? ['rate-limit', 'server', 'timeout', 'network', 'bad-response'].includes(details.kind);
    if (details.statusCode !== undefined) this.statusCode = details.statusCode;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.hint !== undefined) this.hint = details.hint;
  }
}
