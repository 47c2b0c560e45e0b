import type { ComparisonOperator } from '../lang/ast.js';
import type { MetricReference } from '../program/program.js';
import { whatWouldDecide } from '../report/describe-significance.js';
import { formatMetricInterval, formatMetricValue } from '../report/format-metric-value.js';
import type { ExpectationSignificance } from '../stats/expectation-significance.js';
import type { MetricInterval } from '../stats/metric-value.js';
import type { CaseReading, MetricReading } from './read-metric.js';

/** Cases listed under a failure; the rest are counted. */
const listedCases = 10;

/** The samples one case's value of `metric` rests on: every sample drawn for the error rate, else the scored ones. */
function samplesOf(metric: MetricReference, caseReading: CaseReading): number {
  return metric.name === 'error-rate' ? caseReading.drawn : caseReading.n;
}

/**
 * `95% interval 0.412–0.688 over 8 cases`, `… over 16 samples of case "window"`, or `… extrapolated from 8 cases`
 * (pass@∞), after how the runner obtained the interval.
 */
export function describeInterval(interval: MetricInterval, reading: MetricReading): string {
  const format = (value: number) => formatMetricValue(reading.metric, value);
  const range = `${Math.round(interval.level * 100)}% interval ${format(interval.lower)}–${format(interval.upper)}`;
  switch (interval.method) {
    case 'cases':
      return `${range} over ${reading.cases.length} cases`;
    case 'case': {
      const only = reading.cases[0];
      return only ? `${range} over ${samplesOf(reading.metric, only)} samples of case "${only.caseId}"` : range;
    }
    case 'extrapolation':
      return `${range} extrapolated from ${reading.cases.length} cases`;
    case 'posterior':
      return `${range} from the posterior of each of ${reading.cases.length} cases`;
    default:
      return interval.method satisfies never;
  }
}

/** What a value on the wrong side of the threshold is called, and where the interval lies when it is beyond the noise. */
function wrongSide(operator: ComparisonOperator): { readonly gap: string; readonly lies: string } {
  switch (operator) {
    case '>=':
    case '>':
      return { gap: 'shortfall', lies: 'the whole interval lies below the threshold' };
    case '<=':
    case '<':
      return { gap: 'excess', lies: 'the whole interval lies above the threshold' };
    case '==':
    case '!=':
      return { gap: 'difference', lies: 'the interval excludes the threshold' };
    default:
      return operator satisfies never;
  }
}

/**
 * For an expectation that failed, in the runner's terms (`ExpectationResult.significance`): beyond the noise when
 * its interval lies wholly on the wrong side of the threshold; otherwise it could be noise, and what would decide
 * it: the samples per case, or the cases when more samples per case cannot.
 */
export function describeSignificance(operator: ComparisonOperator, significance: ExpectationSignificance): string {
  const { gap, lies } = wrongSide(operator);
  if (significance.verdict === 'significant') return `${lies}: the ${gap} is beyond the noise`;
  const decide = whatWouldDecide(significance) ?? 'more samples or cases would decide it';
  return `the interval reaches the threshold: the ${gap} could be noise; ${decide}`;
}

/** Whether, against `operator`, a lower value is the worse one; for `==` and `!=`, after the metric's own sense. */
function lowerIsWorse(operator: ComparisonOperator, metric: MetricReference): boolean {
  switch (operator) {
    case '>=':
    case '>':
      return true;
    case '<=':
    case '<':
      return false;
    case '==':
    case '!=':
      return metric.name !== 'attempts' && metric.name !== 'error-rate';
    default:
      return operator satisfies never;
  }
}

/**
 * The cases behind a metric, worst first for an expectation with `operator` (those without a value before all):
 * successes out of scored samples (errors out of samples drawn, for the error rate), errors when there were some,
 * and the metric over the case alone with its interval. At most ten lines, then how many more.
 */
export function describeCases(reading: MetricReading, operator: ComparisonOperator, indent = '  '): string[] {
  if (reading.cases.length === 0) return [];
  const sign = lowerIsWorse(operator, reading.metric) ? 1 : -1;
  const key = (caseReading: CaseReading) =>
    caseReading.value.defined ? sign * caseReading.value.value : Number.NEGATIVE_INFINITY;
  const ordered = [...reading.cases].sort((left, right) => key(left) - key(right));
  const errorRate = reading.metric.name === 'error-rate';
  const names = ordered.map((caseReading) => `"${caseReading.caseId}"`);
  const fractions = ordered.map((caseReading) =>
    errorRate ? `${caseReading.errors}/${caseReading.drawn}` : `${caseReading.c}/${caseReading.n}`,
  );
  const nameWidth = Math.max(...names.map((name) => name.length));
  const fractionWidth = Math.max(...fractions.map((fraction) => fraction.length));
  const lines = ordered.slice(0, listedCases).map((caseReading, index) => {
    const { value } = caseReading;
    const shown = value.defined
      ? `${formatMetricValue(reading.metric, value.value)}  ${formatMetricInterval(reading.metric, value.lower, value.upper)}`
      : `n/a (${value.reason})`;
    const errors = !errorRate && caseReading.errors > 0 ? `  (${caseReading.errors} errors)` : '';
    const name = (names[index] as string).padEnd(nameWidth);
    return `${indent}  ${name}  ${(fractions[index] as string).padStart(fractionWidth)}  ${shown}${errors}`;
  });
  if (ordered.length > listedCases) lines.push(`${indent}  … and ${ordered.length - listedCases} more cases`);
  const heading = ordered.length === 1 ? 'the case' : 'cases, worst first';
  const columns = errorRate ? 'errors/samples drawn' : 'successes/scored samples';
  return [`${indent}${heading} (${columns}, ${reading.name}, 95% interval):`, ...lines];
}
