import type { ProgramSummary } from './program-summary.js';
import type { SuiteError } from './suite-result.js';

/**
 * What to do about samples that have no score, by their cause: an interpreter that failed is asked again on the next
 * run, while a verifier's error (a value outside [0, 1], a bad answer format) needs a change to the program first.
 */
function errorsHint(summary: ProgramSummary): string {
  // Samples kept whole: every sample, or a few of each case's when the run tallied them.
  const samples = summary.run.cases.flatMap((caseRun) => caseRun.samples);
  const callFailed = (sample: (typeof samples)[number]) => sample.trace.steps.some((step) => step.error !== undefined);
  const failedCalls = summary.run.cases.reduce(
    (sum, caseRun) =>
      sum +
      (caseRun.tally?.failedCalls ??
        caseRun.samples.filter((sample) => sample.score.status === 'error' && callFailed(sample)).length),
    0,
  );
  const verifierErrors = summary.errors - failedCalls;
  const parts: string[] = [];
  if (failedCalls > 0) {
    parts.push(`${failedCalls} samples failed; run again to draw them (the others come from the store)`);
  }
  if (verifierErrors > 0) {
    const first = samples.find((sample) => sample.score.status === 'error' && !callFailed(sample));
    parts.push(
      `${verifierErrors} samples could not be scored${first?.score.explanation ? ` (the first: ${first.score.explanation})` : ''}; fix the verifier, then run again: the answers come from the store`,
    );
  }
  return parts.join('; ');
}

/**
 * What keeps a program's run from giving a verdict: an expectation whose metric could not be computed (its cases
 * have too few scored samples, usually because samples failed), or a run none of whose samples could be scored.
 * Either makes the suite end in `error` (exit 2) rather than `failed`: the program was not shown to fall short, it
 * could not be judged. So does an expectation a sequential run left `undecided` at its cap: it was not shown to
 * hold. A partial run (a shard, or a stopped run) is judged later, so it has none.
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
  // Without an expectation on it, a headline metric left undefined by failed samples still leaves the run unjudged.
  const unjudged =
    summary.errors > 0 && scored > 0 ? summary.metrics.find((metric) => !metric.value.defined) : undefined;
  if (unjudged && !unjudged.value.defined && summary.expectations.length === 0) {
    problems.push({
      message: `${where}: ${unjudged.name} cannot be computed: ${unjudged.value.reason}`,
      hint: errorsHint(summary),
    });
  }
  for (const expectation of summary.expectations) {
    const sequential = expectation.sequential;
    if (sequential?.decision === 'undecided' && summary.sequential) {
      const { rounds, roundSize, expectationErrorRate } = summary.sequential;
      const bounds = `[${sequential.interval.lower.toFixed(3)}, ${sequential.interval.upper.toFixed(3)}]`;
      problems.push({
        message: `${where}: \`${expectation.text}\`${expectation.caseId === undefined ? '' : ` (case ${expectation.caseId})`} is undecided after ${rounds} rounds (${rounds * roundSize} samples per case): its confidence sequence ${bounds} at error rate ${Number(expectationErrorRate.toPrecision(3))} still holds ${expectation.threshold}`,
        hint: 'raise the cap (`sample N`, or `--samples`) and run again: the stored rounds are replayed and the test goes on. Keep the error rate and the thresholds as they are: changed after seeing the data, they void the guarantee',
      });
      continue;
    }
    if (expectation.observed.defined) continue;
    problems.push({
      message: `${where}: \`${expectation.text}\`${expectation.caseId === undefined ? '' : ` (case ${expectation.caseId})`} cannot be judged: ${expectation.observed.reason}`,
      hint: summary.errors > 0 ? errorsHint(summary) : 'draw more samples per case (`sample N`), or lower k',
    });
  }
  return problems;
}
