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
}

export const defaultRetryPolicy: RetryPolicy = { retries: 4, baseDelayMs: 500, maxDelayMs: 30_000, timeoutMs: 120_000 };

/**
 * The wait before retry number `attempt` (from 0): "equal jitter", half fixed and half random, so that many
 * clients that failed together do not retry together; never shorter than `retryAfterMs`.
 */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs = 0,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.max(retryAfterMs, ceiling / 2 + (random() * ceiling) / 2);
}
