import type { BaselineComparison, MetricChange } from '../runner/baseline-change.js';
import type { InterpreterComparison } from '../runner/compare-interpreters.js';
import type { ExpectationResult } from '../runner/program-summary.js';
import type { ExpectationSignificance } from '../stats/expectation-significance.js';
import type { MetricComparison } from '../stats/metric-comparison.js';
import { formatDollars, formatMetric } from './format-number.js';

/** An interval as `[0.512, 0.790]`. */
export function formatInterval(lower: number, upper: number): string {
  return `[${formatMetric(lower)}, ${formatMetric(upper)}]`;
}

/**
 * What would decide an expectation that could be noise: the samples per case, or the cases when more samples per
 * case cannot; the note of the significance check otherwise (undefined when it has none).
 */
export function whatWouldDecide(significance: ExpectationSignificance): string | undefined {
  const plan = planOf(significance);
  if (significance.judgeShare === undefined || significance.judgeShare < 0.05) return plan;
  const judge = `the judges' own noise is ${Math.round(significance.judgeShare * 100)}% of the variance: more answers per verdict narrow it without new outputs`;
  return plan === undefined ? judge : `${plan}; ${judge}`;
}

function planOf(significance: ExpectationSignificance): string | undefined {
  if (significance.samplesPerCase !== undefined)
    return `about ${significance.samplesPerCase} samples per case would decide it`;
  if (significance.casesNeeded !== undefined)
    return `more samples per case cannot decide it; about ${significance.casesNeeded} cases would`;
  return significance.note;
}

/** For a failed expectation: whether the failure is real at this sample size, or could be noise and what decides it. */
export function describeFailure(expectation: ExpectationResult): string | undefined {
  const { significance, observed } = expectation;
  if (!significance || !observed.defined || !observed.interval) return undefined;
  const level = `${Math.round(observed.interval.level * 100)}%`;
  if (significance.verdict === 'significant') {
    return `significant: the ${level} interval excludes ${expectation.threshold}`;
  }
  const decide = whatWouldDecide(significance);
  return `could be noise at this sample size${decide ? `; ${decide}` : ''}`;
}

/** A p-value as `p = 0.031` or `p < 0.001`. */
export function formatPValue(pValue: number): string {
  return pValue < 0.001 ? 'p < 0.001' : `p = ${pValue.toFixed(3)}`;
}

const signed = (value: number) => `${value >= 0 ? '+' : '−'}${formatMetric(Math.abs(value))}`;

/** One metric's change against the baseline: `pass@1 0.700 → 0.420 (−0.280 [−0.350, −0.210], p < 0.001)`. */
export function describeChange(change: MetricChange): string {
  return `${change.metric} ${formatMetric(change.baseline)} → ${formatMetric(change.current)} (${signed(change.difference)} [${signed(change.lower)}, ${signed(change.upper)}], ${formatPValue(change.pValue)})`;
}

/** The comparison's verdict in a few words. */
export function describeComparison(comparison: BaselineComparison): string {
  const changed = comparison.programChanged ? '; the program changed since the baseline' : '';
  switch (comparison.status) {
    case 'regressed':
      return `significant regression against the baseline${changed}`;
    case 'improved':
      return `significant improvement against the baseline${changed}`;
    case 'unchanged':
      return `no significant change against the baseline${changed}`;
    case 'not-comparable':
      return `not compared with the baseline: ${comparison.note ?? 'nothing to compare'}`;
    default:
      return comparison.status satisfies never;
  }
}

/**
 * A further interpreter against the first, after `<interpreter> − <reference>:`, such as
 * `pass@1 +0.521 [+0.285, +0.757], p < 0.001, significant (paired over 6 cases)`, or why it was not compared.
 */
/**
 * Which of two interpreters solves the suite cheaper, from the expected dollars to a case's first success paired over
 * cases (`cost_to_success`), with the interval of the difference:
 * `cost to success: A $0.000095, B $0.000032 (B − A −$0.000063, 95% interval [−$0.00012, −$0.0000042]): B solves the suite cheaper, significant`.
 */
export function describeCostToSuccess(cost: MetricComparison, nameA: string, nameB: string): string {
  const sides = `${nameA} ${cost.a === null ? '—' : formatDollars(cost.a)}, ${nameB} ${cost.b === null ? '—' : formatDollars(cost.b)}`;
  if (!cost.difference) return `cost to success: ${sides}; ${cost.reason ?? 'not compared'}`;
  const { estimate, lower, upper, level } = cost.difference;
  const interval = `${nameB} − ${nameA} ${formatDollars(estimate)}, ${Math.round(level * 100)}% interval [${formatDollars(lower)}, ${formatDollars(upper)}]`;
  const verdict = cost.significant
    ? `${estimate < 0 ? nameB : nameA} solves the suite cheaper, significant`
    : 'neither is cheaper beyond noise';
  return `cost to success: ${sides} (${interval}): ${verdict}`;
}

export function describeInterpreterComparison(comparison: InterpreterComparison): string {
  const { difference, reason, significant } = comparison.pass1;
  if (!difference) return `pass@1 ${reason ?? 'not compared'}`;
  const verdict = significant ? 'significant' : 'could be noise';
  return `pass@1 ${signed(difference.estimate)} [${signed(difference.lower)}, ${signed(difference.upper)}], ${formatPValue(difference.pValue)}, ${verdict} (paired over ${comparison.cases} cases)`;
}
