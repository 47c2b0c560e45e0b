import type { IntervalEstimate } from './interval-estimate.js';
import { normalInterval } from './normal-interval.js';
import { checkValues, mean, sampleVariance } from './sample-moments.js';

/** Options of the error-bar functions that give normal intervals. */
export interface StandardErrorOptions {
  /** The confidence level of the interval; 0.95 by default. */
  level?: number;
}

/**
 * The mean of per-case values (scores, or per-case pass@k) with its central-limit standard error
 * √(s²/m), s² the unbiased sample variance over the m cases, and the normal interval at `level`
 * (Miller 2024, "Adding Error Bars to Evals", §2). Treats cases as independent draws from a super-population
 * of cases; when cases share a group (passages, templates), use `clusteredStandardError`.
 * Throws a RangeError for fewer than two values or non-finite ones.
 */
export function standardError(values: readonly number[], options: StandardErrorOptions = {}): IntervalEstimate {
  checkValues('standard error', values, 2);
  return normalInterval(mean(values), Math.sqrt(sampleVariance(values) / values.length), options.level);
}
