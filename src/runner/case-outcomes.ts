import type { CaseRun } from '../contracts/program-run.js';

/** Successes out of scored samples for one case. */
export interface CaseCounts {
  readonly caseId: string;
  /** Samples whose verifier gave a score. */
  readonly n: number;
  /** Scored samples that passed the program's `pass when` rule. */
  readonly c: number;
}

/** Everything the metrics of one case need: counts, the real scores, and the samples that failed. */
export interface CaseOutcomes extends CaseCounts {
  /** The scores of the `n` scored samples, in sample order. */
  readonly scores: readonly number[];
  /** Samples whose verifier or interpreter call failed; not counted in `n`. */
  readonly errors: number;
  /** Every sample drawn for the case: scored, unscored and failed. */
  readonly drawn: number;
}

/** Reduces a case's samples to the outcomes metrics are computed from. */
export function caseOutcomesOf(caseRun: CaseRun): CaseOutcomes {
  const scores: number[] = [];
  let c = 0;
  let errors = 0;
  for (const sample of caseRun.samples) {
    if (sample.score.status === 'error') errors++;
    if (sample.score.status !== 'scored') continue;
    scores.push(sample.score.value ?? 0);
    if (sample.success) c++;
  }
  return { caseId: caseRun.caseId, n: scores.length, c, scores, errors, drawn: caseRun.samples.length };
}
