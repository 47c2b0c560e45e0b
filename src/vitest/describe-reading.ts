import type { ComparisonOperator } from '../lang/ast.js';
import { formatMetric } from '../report/format-number.js';
import type { MetricInterval, MetricReading } from './read-metric.js';

/** Cases listed under a failure; the rest are counted. */
const listedCases = 10;

/** `95% interval 0.412–0.688 over 8 cases`. */
export function describeInterval(interval: MetricInterval): string {
  const percent = Math.round(interval.level * 100);
  const over = interval.basis === 'cases' ? `${interval.count} cases` : `${interval.count} samples of its one case`;
  return `${percent}% interval ${formatMetric(interval.lower)}–${formatMetric(interval.upper)} over ${over}`;
}

/**
 * Whether a value on the wrong side of a threshold is beyond the noise (the whole interval lies on the wrong side)
 * or could be noise at this sample size (the interval reaches the threshold). Undefined for `==` and `!=`.
 */
export function noiseVerdict(
  operator: ComparisonOperator,
  threshold: number,
  interval: MetricInterval,
): string | undefined {
  switch (operator) {
    case '>=':
    case '>': {
      const beyond = operator === '>=' ? interval.upper < threshold : interval.upper <= threshold;
      return beyond
        ? 'the whole interval lies below the threshold: the shortfall is beyond the noise'
        : 'the interval reaches the threshold: the shortfall could be noise; more samples or cases would decide it';
    }
    case '<=':
    case '<': {
      const beyond = operator === '<=' ? interval.lower > threshold : interval.lower >= threshold;
      return beyond
        ? 'the whole interval lies above the threshold: the excess is beyond the noise'
        : 'the interval reaches the threshold: the excess could be noise; more samples or cases would decide it';
    }
    case '==':
    case '!=':
      return undefined;
    default:
      return operator satisfies never;
  }
}

/**
 * The cases behind a metric, worst first: successes out of scored samples, errors when there were some, and the
 * metric over the case alone. At most ten lines, then how many more.
 */
export function describeCases(reading: MetricReading, indent = '  '): string[] {
  if (reading.cases.length === 0) return [];
  const ordered = [...reading.cases].sort(
    (left, right) => (left.value ?? Number.NEGATIVE_INFINITY) - (right.value ?? Number.NEGATIVE_INFINITY),
  );
  const names = ordered.map((caseReading) => `"${caseReading.caseId}"`);
  const fractions = ordered.map((caseReading) => `${caseReading.c}/${caseReading.n}`);
  const nameWidth = Math.max(...names.map((name) => name.length));
  const fractionWidth = Math.max(...fractions.map((fraction) => fraction.length));
  const lines = ordered.slice(0, listedCases).map((caseReading, index) => {
    const value = caseReading.value === undefined ? 'n/a' : formatMetric(caseReading.value);
    const errors = caseReading.errors > 0 ? `  (${caseReading.errors} errors)` : '';
    const name = (names[index] as string).padEnd(nameWidth);
    return `${indent}  ${name}  ${(fractions[index] as string).padStart(fractionWidth)}  ${value}${errors}`;
  });
  if (ordered.length > listedCases) lines.push(`${indent}  … and ${ordered.length - listedCases} more cases`);
  const heading = ordered.length === 1 ? 'the case' : 'cases, worst first';
  return [`${indent}${heading} (successes/scored samples, ${reading.name}):`, ...lines];
}
