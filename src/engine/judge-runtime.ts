import type { Interpreter } from '../contracts/interpreter.js';
import type { SampleStore } from '../contracts/sample-store.js';
import type { StepTrace } from '../contracts/trace.js';
import type { JudgeDeclaration } from '../program/program.js';
import { createJudgeVerifier, type JudgeRuntime } from '../verifiers/judge/judge-verifier.js';
import type { Verifier } from '../verifiers/verifier.js';
import { type CallCache, cachedCall, cachedPrompt, lookupCached } from './cached-call.js';
import { callWithRetry } from './call-with-retry.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RetryPolicy } from './retry-policy.js';

/** What a run lends its judges: the same retries, limits, store and signal as its own calls. */
export interface JudgeRuntimeOptions {
  readonly retry: RetryPolicy;
  /** Caches each answer like any sample, so a rerun asks the judge nothing it was asked before. */
  readonly store?: SampleStore;
  /** False to ignore cached answers (new ones are still stored). */
  readonly readCache?: boolean;
  /** Requests and tokens per minute for the judge's interpreter, shared with every run on it. */
  readonly rateLimiter?: RateLimiter;
  readonly signal?: AbortSignal;
  /** The clock in milliseconds, for latencies; injected for tests. */
  readonly clock?: () => number;
}

/** Rough tokens of a judge call, for rate limits before the real count is known. */
const judgeTokenEstimate = (characters: number) => Math.ceil(characters / 4) + 256;

/**
 * The runtime of the judge `judgeName` on an interpreter: each answer comes from the run's cache when it was given
 * before (keyed by interpreter, settings, rubric and seed, as samples are), else from a call that waits for the
 * interpreter's rate limits and is retried with backoff like a sample, and is then cached. Each answer carries its
 * usage and latency, a cached one those stored with it, for the judge's cost. Judge calls are made
 * while a sample holds its slot of the run's concurrency, so they take no slot of their own (that could wait forever
 * on slots held by samples waiting for their judges); a run has at most `concurrency × samples` judge calls in
 * flight.
 */
export function createJudgeRuntime(
  judgeName: string,
  interpreter: Interpreter,
  options: JudgeRuntimeOptions,
): JudgeRuntime {
  const clock = options.clock ?? Date.now;
  const cache: CallCache = {
    interpreterId: interpreter.id,
    ...(options.store ? { store: options.store } : {}),
    readCache: options.readCache !== false,
  };
  return {
    interpreterId: interpreter.id,
    async ask(call, seeds) {
      const prompt = cachedPrompt(interpreter.id, call.settings, call.messages, call.responseFormat);
      const found = lookupCached(cache, prompt);
      const name = `judge ${judgeName}`;
      const interpret = async (seed: number): Promise<StepTrace> => {
        const started = clock();
        const estimate = judgeTokenEstimate(call.messages.reduce((sum, message) => sum + message.content.length, 0));
        await options.rateLimiter?.acquire(estimate, options.signal);
        const result = await callWithRetry(interpreter, call, { seed, policy: options.retry, signal: options.signal });
        options.rateLimiter?.settle(
          estimate,
          result.usage ? result.usage.inputTokens + result.usage.outputTokens : estimate,
        );
        return {
          name,
          messages: call.messages,
          text: result.text,
          output: result.text,
          finishReason: result.finishReason,
          ...(result.usage ? { usage: result.usage } : {}),
          latencyMs: clock() - started,
          ...(result.firstTokenMs === undefined ? {} : { firstTokenMs: result.firstTokenMs }),
          warnings: result.warnings,
        };
      };
      return Promise.all(
        seeds.map(async (seed) => {
          try {
            const { step } = await cachedCall(cache, prompt, seed, name, () => interpret(seed), found);
            // A cached answer costs what it cost when it was made: the run that reads it made none of it.
            return { text: step.text, ...(step.usage ? { usage: step.usage } : {}), latencyMs: step.latencyMs };
          } catch (error) {
            return { failure: (error as Error).message ?? String(error) };
          }
        }),
      );
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
    const runtime = createJudgeRuntime(judge.name, interpreter, { ...shared, ...(rateLimiter ? { rateLimiter } : {}) });
    verifiers.set(judge.name, createJudgeVerifier(judge, runtime));
  }
  return verifiers;
}
