import type { InterpreterEntry } from '../config/interpreter-entry.js';
import type { Interpreter } from '../contracts/interpreter.js';
import { ConcurrencyLimit } from '../engine/concurrency-limit.js';
import { RateLimiter } from '../engine/rate-limiter.js';
import { getOrCreate } from '../util/get-or-create.js';

/** The concurrency and rate limits of one interpreter. */
export interface InterpreterLimit {
  readonly concurrency: ConcurrencyLimit;
  readonly rate: RateLimiter;
}

/**
 * The limits of a suite's interpreters, one per interpreter id, shared by every program (and judge) that runs on
 * it: made the first time an interpreter is asked for, with that call's concurrency and the entry's rates.
 */
export class InterpreterLimits {
  readonly #limits = new Map<string, InterpreterLimit>();

  /** The limits of `interpreter`, made on first use; no more calls in flight than it can take at once. */
  of(interpreter: Interpreter, entry: InterpreterEntry, concurrency: number): InterpreterLimit {
    return getOrCreate(this.#limits, interpreter.id, () => ({
      concurrency: new ConcurrencyLimit(
        Math.max(1, Math.min(concurrency, interpreter.maxConcurrentCalls ?? concurrency)),
      ),
      rate: new RateLimiter({
        ...(entry.requestsPerMinute ? { requestsPerMinute: entry.requestsPerMinute } : {}),
        ...(entry.tokensPerMinute ? { tokensPerMinute: entry.tokensPerMinute } : {}),
      }),
    }));
  }
}
