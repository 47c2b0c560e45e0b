import { formatMetric } from '../report/format-number.js';
import type { ExpectationResult, ProgramSummary } from '../runner/program-summary.js';
import { describeCases, describeInterval, noiseVerdict } from './describe-reading.js';
import { readMetric } from './read-metric.js';

/**
 * Says why an expectation was not met: the observed value and the threshold, the value's interval and whether the
 * shortfall is beyond the noise, where the expectation is written, and the cases behind the value, worst first.
 * `caseId` names the case of an expectation on one case.
 */
export function describeExpectation(result: ExpectationResult, summary: ProgramSummary, caseId?: string): string {
  const on = `${summary.programName} on ${summary.run.interpreterId}`;
  const { observed } = result;
  if (!observed.defined) {
    return [`expect ${result.text} could not be checked for ${on}: ${observed.reason}`, `  at ${result.location}`].join(
      '\n',
    );
  }
  const reading = readMetric(result.metric, summary, caseId);
  const lines = [
    `expect ${result.text} ${result.met ? 'holds' : 'failed'} for ${on}: observed ${formatMetric(observed.value)}, threshold ${result.threshold}`,
  ];
  if (reading.interval) {
    const verdict = result.met ? undefined : noiseVerdict(result.operator, result.threshold, reading.interval);
    lines.push(`  ${describeInterval(reading.interval)}${verdict ? `; ${verdict}` : ''}`);
  }
  lines.push(`  at ${result.location}`, ...describeCases(reading));
  return lines.join('\n');
}
