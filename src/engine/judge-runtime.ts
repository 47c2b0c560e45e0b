import type { Interpreter } from '../contracts/interpreter.js';
import type { SampleStore } from '../contracts/sample-store.js';
import type { JudgeDeclaration } from '../program/program.js';
import { createJudgeVerifier, type JudgeRuntime } from '../verifiers/judge/judge-verifier.js';
import type { Verifier } from '../verifiers/verifier.js';
import { callWithRetry } from './call-with-retry.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RetryPolicy } from './retry-policy.js';

/** What a run lends its judges: the same retries, limits, store and signal as its own calls. */
export interface JudgeRuntimeOptions {
  readonly retry: RetryPolicy;
  readonly store?: SampleStore;
  readonly readCache?: boolean;
  /** Requests and tokens per minute for the judge's interpreter, shared with every run on it. */
  readonly rateLimiter?: RateLimiter;
  readonly signal?: AbortSignal;
  readonly clock?: () => number;
}

/** Rough tokens of a judge call, for rate limits before the real count is known. */
const judgeTokenEstimate = (characters: number) => Math.ceil(characters / 4) + 256;

/**
 * A judge's runtime on an interpreter: each call waits for the interpreter's rate limits and is retried with backoff
 * like a sample, and its answers are cached in the run's store. Judge calls are made while a sample holds its slot
 * of the run's concurrency, so they take no slot of their own (that could wait forever on slots held by samples
 * waiting for their judges); a run has at most `concurrency × samples` judge calls in flight.
 */
export function createJudgeRuntime(interpreter: Interpreter, options: JudgeRuntimeOptions): JudgeRuntime {
  return {
    interpreter,
    ...(options.store ? { store: options.store } : {}),
    ...(options.readCache !== undefined ? { readCache: options.readCache } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    async call(call, seed) {
      const estimate = judgeTokenEstimate(call.messages.reduce((sum, message) => sum + message.content.length, 0));
      await options.rateLimiter?.acquire(estimate, options.signal);
      const result = await callWithRetry(interpreter, call, { seed, policy: options.retry, signal: options.signal });
      options.rateLimiter?.settle(
        estimate,
        result.usage ? result.usage.inputTokens + result.usage.outputTokens : estimate,
      );
      return result;
    },
  };
}

/** A judge's own interpreter, resolved by the runner, with the rate limiter shared by every run on it. */
export interface JudgeInterpreter {
  readonly interpreter: Interpreter;
  readonly rateLimiter?: RateLimiter;
}

/**
 * The verifier of each named judge, by name: on its own interpreter when it names one (resolved in
 * `judgeInterpreters`), else on the run's. A judge that names an interpreter missing from the map is left out, so
 * that its score is an `error` naming it.
 */
export function createJudges(
  judges: readonly JudgeDeclaration[],
  options: JudgeRuntimeOptions & {
    readonly interpreter: Interpreter;
    readonly judgeInterpreters?: ReadonlyMap<string, JudgeInterpreter>;
  },
): Map<string, Verifier> {
  const verifiers = new Map<string, Verifier>();
  for (const judge of judges) {
    const own = options.judgeInterpreters?.get(judge.name);
    if (judge.interpreter !== undefined && !own) continue;
    // A judge on its own interpreter shares that interpreter's rate limits, not the run's.
    const { rateLimiter: _runLimiter, ...shared } = options;
    const { interpreter, rateLimiter } = own ?? options;
    const runtime = createJudgeRuntime(interpreter, { ...shared, ...(rateLimiter ? { rateLimiter } : {}) });
    verifiers.set(judge.name, createJudgeVerifier(judge, runtime));
  }
  return verifiers;
}
