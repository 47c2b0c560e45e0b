import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { IntervalEstimate } from './interval-estimate.js';

/**
 * The two-sided normal (Wald) interval estimate ± z·standardError, z the standard normal quantile at
 * 1 − (1 − level)/2 (1.96 for 0.95), as the central limit theorem justifies for a mean over many cases.
 * Throws a RangeError for a level outside (0, 1).
 */
export function normalInterval(estimate: number, standardError: number, level = 0.95): IntervalEstimate {
  checkLevel(level);
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  return { estimate, standardError, lower: estimate - z * standardError, upper: estimate + z * standardError, level };
}

/** Refuses a confidence level outside (0, 1), naming the usual values. */
export function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`level must be a number strictly between 0 and 1 (such as 0.95), got ${level}`);
  }
}
