import { describeSequentialDecision } from '../report/describe-sequential.js';
import { formatMetricValue } from '../report/format-metric-value.js';
import type { ExpectationResult, ProgramSummary } from '../runner/program-summary.js';
import { describeCases, describeInterval, describeSignificance } from './describe-reading.js';
import { readMetric } from './read-metric.js';

/**
 * Says why an expectation was not met, from the runner's result: the observed value and the threshold, the value's
 * interval and whether the failure could be noise (with the samples per case that would decide it), where the
 * expectation is written, and the cases behind the value, worst first; for an expectation on one case, that case.
 */
export function describeExpectation(result: ExpectationResult, summary: ProgramSummary): string {
  const on = `${summary.programName} on ${summary.run.interpreterId}`;
  const what = `expect ${result.text}${result.caseId !== undefined ? ` on case "${result.caseId}"` : ''}`;
  const { observed } = result;
  if (!observed.defined) {
    return [`${what} could not be checked for ${on}: ${observed.reason}`, `  at ${result.location}`].join('\n');
  }
  const reading = readMetric(result.metric, summary, result.caseId);
  const undecided = result.sequential?.decision === 'undecided';
  const lines = [
    `${what} ${result.met ? 'holds' : undecided ? 'is undecided at the cap' : 'failed'} for ${on}: observed ${formatMetricValue(result.metric, observed.value)}, threshold ${result.threshold}`,
  ];
  if (observed.interval) {
    const verdict =
      !result.met && !undecided && result.significance
        ? describeSignificance(result.operator, result.significance)
        : undefined;
    lines.push(`  ${describeInterval(observed.interval, reading)}${verdict ? `; ${verdict}` : ''}`);
  }
  const decision = describeSequentialDecision(result);
  if (decision) lines.push(`  sequential: ${decision}`);
  lines.push(`  at ${result.location}`, ...describeCases(reading, result.operator));
  return lines.join('\n');
}
