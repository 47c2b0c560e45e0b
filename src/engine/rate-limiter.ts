import { abortableSleep } from './abortable-sleep.js';

/** Limits on how fast one interpreter may be called. Either may be left out. */
export interface RateLimits {
  readonly requestsPerMinute?: number;
  readonly tokensPerMinute?: number;
}

/** A bucket that refills continuously at `perMinute` up to `perMinute`, and may run into debt. */
class TokenBucket {
  private level: number;
  private updatedAt: number;
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {
    this.level = perMinute;
    this.updatedAt = now();
  }
  private refill(): void {
    const time = this.now();
    this.level = Math.min(this.perMinute, this.level + ((time - this.updatedAt) * this.perMinute) / 60_000);
    this.updatedAt = time;
  }
  /** Milliseconds until `amount` is available, 0 when it is now. */
  wait(amount: number): number {
    this.refill();
    const needed = Math.min(amount, this.perMinute) - this.level;
    return needed <= 0 ? 0 : Math.ceil((needed * 60_000) / this.perMinute);
  }
  take(amount: number): void {
    this.refill();
    this.level -= amount;
  }
}

/**
 * Token-bucket limits on requests and tokens per minute. `acquire` waits until a request with the estimated
 * tokens fits; `settle` corrects the token bucket with what the call really used.
 */
export class RateLimiter {
  private readonly requests?: TokenBucket;
  private readonly tokens?: TokenBucket;
  private queue: Promise<void> = Promise.resolve();

  constructor(limits: RateLimits, now: () => number = Date.now) {
    if (limits.requestsPerMinute) this.requests = new TokenBucket(limits.requestsPerMinute, now);
    if (limits.tokensPerMinute) this.tokens = new TokenBucket(limits.tokensPerMinute, now);
  }

  /** Waits for room for one request of about `estimatedTokens` tokens; callers are served in order. */
  acquire(estimatedTokens: number, signal?: AbortSignal): Promise<void> {
    if (!this.requests && !this.tokens) return Promise.resolve();
    const turn = this.queue.then(async () => {
      for (;;) {
        const delay = Math.max(this.requests?.wait(1) ?? 0, this.tokens?.wait(estimatedTokens) ?? 0);
        if (delay === 0) break;
        await abortableSleep(delay, signal);
      }
      this.requests?.take(1);
      this.tokens?.take(estimatedTokens);
    });
    this.queue = turn.catch(() => {});
    return turn;
  }

  /** Charges the difference between the tokens a call used and the estimate it was admitted with. */
  settle(estimatedTokens: number, usedTokens: number): void {
    this.tokens?.take(usedTokens - estimatedTokens);
  }
}
