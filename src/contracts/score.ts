import type { SourceSpan } from './source-span.js';
import type { TokenUsage } from './step-result.js';

/**
 * Whether a verifier reached a verdict. `unscored` means it chose not to score (its `value` is `null`);
 * `error` means it failed (its `value` is `null` and `explanation` says why). Only `scored` counts as a
 * success or a failure; errors are counted apart.
 */
export type ScoreStatus = 'scored' | 'unscored' | 'error';

/**
 * What a verifier says about one output: a real number in [0, 1], or an explicit absence of one.
 * Serialises to JSON without loss: `value` is a number or `null`, never NaN.
 */
export interface Score {
  /**
   * In [0, 1] when `status` is `scored`; `null` otherwise. The one exception is a part made by arithmetic inside a
   * verification trace, which may hold a value met on the way (the `a + b` of `(a + b) / 2`).
   */
  readonly value: number | null;
  readonly status: ScoreStatus;
  /** What the verifier saw, in words: the reason for a low score or for an error. */
  readonly explanation?: string;
  /** The name of the verifier or operator that made this score, such as `exact` or `and`. */
  readonly name?: string;
  /** The source text of the expression that made this score. */
  readonly expression?: string;
  /** Where that expression stands in the program's file. */
  readonly span?: SourceSpan;
  /** The scores this one was computed from: the verification trace of a composed verifier. */
  readonly parts?: readonly Score[];
  /** For a judge's score: its samples, their mean, spread and agreement. */
  readonly judge?: JudgeVerdicts;
}

/**
 * What a judge said about one output over its `m` samples. A judge is a stochastic verifier: its verdict is the
 * mean, and the spread and agreement of the samples measure how far one verdict can be trusted.
 */
export interface JudgeVerdicts {
  /** The judge's name in the program. */
  readonly judge: string;
  readonly interpreterId: string;
  /** Each sample's score, `null` where the answer held none. */
  readonly values: readonly (number | null)[];
  /** The mean of the scores read; `null` when none was. */
  readonly mean: number | null;
  /** The standard deviation of the scores read (0 for one). */
  readonly spread: number | null;
  /**
   * The share of pairs of samples on the same side of 0.5 (pass or fail); `null` with fewer than two scores. 1 means
   * the judge never changed its mind.
   */
  readonly agreement: number | null;
  /**
   * The judge's tokens summed over its calls for this output, answers taken from the cache included (with the usage
   * stored for them); absent when no call reported usage.
   */
  readonly usage?: TokenUsage;
  /** The wall time of the judge's calls for this output in milliseconds, summed (cached answers at their stored time). */
  readonly latencyMs?: number;
}

/** A score of `value`, checked to be a finite number in [0, 1]; anything else becomes an `error` score. */
export function scored(value: number, details: Omit<Score, 'value' | 'status'> = {}): Score {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    return { ...details, value: null, status: 'error', explanation: `score ${value} is not a number in [0, 1]` };
  }
  return { ...details, value, status: 'scored' };
}

/** An `error` score carrying the reason. */
export function scoreError(explanation: string, details: Omit<Score, 'value' | 'status' | 'explanation'> = {}): Score {
  return { ...details, value: null, status: 'error', explanation };
}
