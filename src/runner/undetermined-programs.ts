import type { ProgramSummary } from './program-summary.js';
import type { SuiteError } from './suite-result.js';

/**
 * What keeps a program's run from giving a verdict: an expectation whose metric could not be computed (its cases
 * have too few scored samples, usually because samples failed), or a run none of whose samples could be scored.
 * Either makes the suite end in `error` (exit 2) rather than `failed`: the program was not shown to fall short, it
 * could not be judged. A partial run (a shard, or a stopped run) is judged later, so it has none.
 */
export function undeterminedProblems(summary: ProgramSummary): SuiteError[] {
  if (summary.status === 'partial') return [];
  const where = `${summary.programName} on ${summary.interpreter}`;
  const problems: SuiteError[] = [];
  const scored = summary.cases.reduce((sum, outcomes) => sum + outcomes.n, 0);
  if (summary.samples > 0 && scored === 0 && summary.errors > 0) {
    const first = summary.run.cases
      .flatMap((caseRun) => caseRun.samples)
      .find((sample) => sample.score.status === 'error')?.score.explanation;
    problems.push({
      message: `${where}: none of its ${summary.samples} samples could be scored${first ? `; the first: ${first}` : ''}`,
      hint: 'fix what the error names, then run again: samples that failed are drawn again, the others come from the store',
    });
  }
  for (const expectation of summary.expectations) {
    if (expectation.observed.defined) continue;
    problems.push({
      message: `${where}: \`${expectation.text}\`${expectation.caseId === undefined ? '' : ` (case ${expectation.caseId})`} cannot be judged: ${expectation.observed.reason}`,
      hint:
        summary.errors > 0
          ? `${summary.errors} samples failed; run again to draw them (the others come from the store)`
          : 'draw more samples per case (`sample N`), or lower k',
    });
  }
  return problems;
}
