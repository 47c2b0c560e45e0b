import type { Interval } from '../interval.js';

/** A point estimate with an interval around it at a stated level. */
export interface EstimateInterval extends Interval {
  /** The point estimate, between `lower` and `upper`. */
  readonly value: number;
}
