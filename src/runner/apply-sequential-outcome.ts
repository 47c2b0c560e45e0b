import type { ExpectationResult, ProgramStatus, ProgramSummary } from './program-summary.js';
import type { SequentialOutcome } from './sequential-outcome.js';

/**
 * A program's verdict once its expectations carry their sequential decisions: `partial` stays; `failed` when a
 * sequential expectation was decided `fail` or another, checked at the end, does not hold; `undetermined` when none
 * failed but one is `undecided` at the cap (not a pass: the run could not decide it) or could not be judged;
 * otherwise the verdict the run had.
 */
function sequentialStatus(previous: ProgramStatus, expectations: readonly ExpectationResult[]): ProgramStatus {
  if (previous === 'partial') return previous;
  const undecided = (expectation: ExpectationResult) => expectation.sequential?.decision === 'undecided';
  if (expectations.some((expectation) => expectation.observed.defined && !expectation.met && !undecided(expectation))) {
    return 'failed';
  }
  if (expectations.some((expectation) => undecided(expectation) || !expectation.observed.defined))
    return 'undetermined';
  return previous === 'failed' ? 'passed' : previous;
}

/**
 * The summary of a sequential run: each expectation with its sequential outcome, met when decided `pass` (an
 * expectation that could not be decided sequentially keeps the check on all samples drawn), and the verdict
 * they give.
 */
export function applySequentialOutcome(summary: ProgramSummary, outcome: SequentialOutcome): ProgramSummary {
  const expectations = summary.expectations.map((expectation, index): ExpectationResult => {
    const sequential = outcome.expectations[index];
    if (!sequential) return expectation;
    if (sequential.decision === 'not-sequential') return { ...expectation, sequential };
    return { ...expectation, sequential, met: sequential.decision === 'pass' };
  });
  return { ...summary, expectations, sequential: outcome, status: sequentialStatus(summary.status, expectations) };
}
