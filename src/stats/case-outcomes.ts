import type { NamedCaseCounts } from './case-counts.js';

/** Everything the metrics of one case need: its counts, the real scores, and the samples that failed. */
export interface CaseOutcomes extends NamedCaseCounts {
  /**
   * The scores of the `n` scored samples, in sample order; when `scoreMean` is set, of a uniform subsample of them
   * (a case of many samples keeps a subsample of fixed size).
   */
  readonly scores: readonly number[];
  /** The mean of all `n` scores, set when `scores` holds a subsample of them. */
  readonly scoreMean?: number;
  /**
   * Per score, in the order of `scores`, the variance its judges' repeated calls add to it (σ²/r per verdict,
   * `sampleJudgeVariance`); absent where no judge was asked more than once.
   */
  readonly judgeVariances?: readonly (number | undefined)[];
  /** Samples whose verifier or interpreter call failed; not counted in `n`. */
  readonly errors: number;
  /** Every sample drawn for the case: scored, unscored and failed. */
  readonly drawn: number;
  /** What the `drawn` samples spent on the program's own calls, in sample order; absent where not known. */
  readonly spend?: CaseSpend;
}

/**
 * What each sample of a case spent on the program's own calls (judges and a simulated user are counted apart), one
 * entry per drawn sample in sample order (per sample of the subsample, for a case of many samples).
 */
export interface CaseSpend {
  /** Dollars; absent when the interpreter has no price. */
  readonly costs?: readonly number[];
  /** The dollars of every drawn sample, summed (more than `costs` holds when it is a subsample). */
  readonly costTotal?: number;
  /** Tokens in and out. */
  readonly tokens: readonly number[];
  /** Seconds the sample's calls took, one after the other. */
  readonly seconds: readonly number[];
}
