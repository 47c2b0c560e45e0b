/** How the engine retries a failed call: exponential backoff with jitter, at least as long as Retry-After asks. */
export interface RetryPolicy {
  /** Attempts after the first; 0 turns retrying off. */
  readonly retries: number;
  /** The first backoff, in milliseconds; each further attempt doubles it. */
  readonly baseDelayMs: number;
  /** No backoff is longer than this, except a longer Retry-After. */
  readonly maxDelayMs: number;
  /** Time allowed for one call, in milliseconds; 0 means no limit. */
  readonly timeoutMs: number;
  /**
   * The longest wait a server's Retry-After may ask for, in milliseconds (default 5 minutes): a server that asks
   * for a day gets this instead, so one answer cannot stall a run.
   */
  readonly maxRetryAfterMs?: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  retries: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 120_000,
  maxRetryAfterMs: 300_000,
};

/** The longest delay Node's timers take (about 24.8 days); a longer one would fire at once. */
const longestTimerMs = 2 ** 31 - 1;

/** The Retry-After wait the policy allows: the server's, capped at `maxRetryAfterMs`. */
export function allowedRetryAfter(policy: RetryPolicy, retryAfterMs: number): number {
  return Math.min(retryAfterMs, policy.maxRetryAfterMs ?? (defaultRetryPolicy.maxRetryAfterMs as number));
}

/**
 * The wait before retry number `attempt` (from 0): "equal jitter", half fixed and half random, so that many
 * clients that failed together do not retry together; never shorter than `retryAfterMs` as far as the policy allows
 * (`maxRetryAfterMs`), and never longer than a timer can wait.
 */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs = 0,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const delay = Math.max(allowedRetryAfter(policy, retryAfterMs), ceiling / 2 + (random() * ceiling) / 2);
  return Math.min(delay, longestTimerMs);
}

/** A wait in words: milliseconds when short, seconds when a person would notice it. */
function describeWait(delayMs: number): string {
  return delayMs < 10_000 ? `${Math.round(delayMs)} ms` : `${Math.round(delayMs / 1000)} s`;
}

/**
 * The warning of a retry: the error, the attempt and the wait, and, when the server asked for a longer wait than
 * the policy allows, both waits, so a run that seems to stall says why.
 */
export function retryMessage(
  policy: RetryPolicy,
  error: { readonly message: string; readonly retryAfterMs?: number },
  attempt: number,
  delayMs: number,
): string {
  const asked = error.retryAfterMs;
  const capped =
    asked !== undefined && allowedRetryAfter(policy, asked) < asked
      ? ` (the server asked to wait ${describeWait(asked)}; retry.maxRetryAfterMs allows ${describeWait(allowedRetryAfter(policy, asked))})`
      : '';
  return `${error.message}; retry ${attempt} in ${describeWait(delayMs)}${capped}`;
}
