/** An estimate with its standard error and a two-sided confidence interval at a stated level. */
export interface IntervalEstimate {
  /** The point estimate. */
  estimate: number;
  /** The estimated standard deviation of the estimate over repeated evaluations. */
  standardError: number;
  /** The lower end of the interval. */
  lower: number;
  /** The upper end of the interval. */
  upper: number;
  /** The confidence level of the interval, in (0, 1): 0.95 for a 95% interval. */
  level: number;
}
