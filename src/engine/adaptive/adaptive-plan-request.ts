import type { CountMetric } from '../../program/program.js';
import type { NamedCaseCounts } from '../../stats/case-counts.js';
import type { BetaPrior } from './beta-prior.js';

/** What the adaptive planner is asked: where a run stands, what to narrow, and what it may spend. */
export interface AdaptivePlanRequest {
  /** The metrics whose sampling intervals must narrow: the program's expected metrics. At least one. */
  readonly metrics: readonly CountMetric[];
  /** Every case of the program, with its counts so far (n = 0 for a case not yet sampled), in program order. */
  readonly cases: readonly NamedCaseCounts[];
  /**
   * w > 0: stop when every metric's sampling interval (see `samplingWidth`) is at most this wide, as a full width
   * (upper − lower) at `level`.
   */
  readonly targetWidth: number;
  /** The most samples any one case may have (the program's `sample` count); no cap when absent. At least max k. */
  readonly maxSamplesPerCase?: number;
  /** The most samples the whole run may have, those already drawn included; no budget when absent. */
  readonly budget?: number;
  /** The confidence level of the interval; 0.95 by default. */
  readonly level?: number;
  /** The prior of each case's success probability; Jeffreys' Beta(½, ½) by default. */
  readonly prior?: BetaPrior;
  /**
   * The samples every case gets before any adaptive choice: max(max k, 10) by default, and never fewer than the
   * largest k (pass@k is undefined for n < k). Lowered, not below max k, when the budget cannot pay for it.
   */
  readonly initialSamples?: number;
  /**
   * The fewest samples an adaptive batch holds when the run needs more, so that a run near its target does not
   * creep forward a few samples at a time: the number of cases by default.
   */
  readonly minimumBatchSize?: number;
  /**
   * The most samples an adaptive batch holds: by default as many as the run has drawn so far (at least the number
   * of cases), so a run at most doubles between two looks at the data.
   */
  readonly maximumBatchSize?: number;
  /**
   * The dollars a sample of each case costs so far, by case id, when the run spends money: a sample then goes where
   * it narrows the intervals most per dollar, not per sample. A case not named costs the mean of those named.
   */
  readonly sampleCosts?: Readonly<Record<string, number>>;
}
