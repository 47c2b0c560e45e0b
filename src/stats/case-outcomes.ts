import type { NamedCaseCounts } from './case-counts.js';

/** Everything the metrics of one case need: its counts, the real scores, and the samples that failed. */
export interface CaseOutcomes extends NamedCaseCounts {
  /** The scores of the `n` scored samples, in sample order. */
  readonly scores: readonly number[];
  /** Samples whose verifier or interpreter call failed; not counted in `n`. */
  readonly errors: number;
  /** Every sample drawn for the case: scored, unscored and failed. */
  readonly drawn: number;
}
