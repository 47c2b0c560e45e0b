/** One metric compared with the baseline, paired over the cases both runs hold. */
export interface MetricChange {
  /** The metric's name, such as `pass@1`. */
  readonly metric: string;
  /** The metric over the compared cases, in the baseline and now. */
  readonly baseline: number;
  readonly current: number;
  /** The mean over cases of now − baseline, with its interval at 1 − alpha. */
  readonly difference: number;
  readonly lower: number;
  readonly upper: number;
  /** The two-sided p-value of "no change". */
  readonly pValue: number;
  /** The cases compared. */
  readonly cases: number;
  /** `regression` or `improvement` when the change is significant at `alpha`, else `unchanged`. */
  readonly change: 'regression' | 'improvement' | 'unchanged';
}

/** A program on one interpreter compared with its baseline entry. */
export interface BaselineComparison {
  /** `regressed` when some metric got significantly worse, `improved` when some got better and none worse. */
  readonly status: 'regressed' | 'improved' | 'unchanged' | 'not-comparable';
  /** The significance level each metric was tested at: `baselineAlpha` over the number of metrics compared. */
  readonly alpha: number;
  /** True when the program's hash differs from the baseline's: its prompt or settings changed since. */
  readonly programChanged: boolean;
  readonly changes: readonly MetricChange[];
  /** Why nothing could be compared, when nothing could. */
  readonly note?: string;
}
