/** A two-sided confidence interval: the shape every interval of a metric, a difference or an estimate has. */
export interface Interval {
  /** The lower end. */
  readonly lower: number;
  /** The upper end. */
  readonly upper: number;
  /** The confidence level, in (0, 1): 0.95 for a 95% interval. */
  readonly level: number;
}
