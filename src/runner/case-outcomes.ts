import type { CaseRun } from '../contracts/program-run.js';
import type { CaseOutcomes } from '../stats/case-outcomes.js';

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
