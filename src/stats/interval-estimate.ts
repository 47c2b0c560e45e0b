import type { Interval } from './interval.js';

/** An estimate with its standard error and a two-sided confidence interval at a stated level. */
export interface IntervalEstimate extends Interval {
  /** The point estimate. */
  readonly estimate: number;
  /** The estimated standard deviation of the estimate over repeated evaluations. */
  readonly standardError: number;
}
