import type { ComparisonOperator } from '../contracts/comparison-operator.js';
import type { MetricValue } from './metric-value.js';
import { planSampleSize } from './plan-sample-size.js';

/** The power with which the planned samples would decide an expectation. */
export const decidingPower = 0.8;

/**
 * Whether an expectation's outcome is clear at this sample size, and what would settle it.
 * - `significant`: the interval lies wholly on one side of the threshold; more samples would not change the verdict.
 * - `uncertain`: the interval reaches across the threshold; the verdict could be noise.
 */
export interface ExpectationSignificance {
  readonly verdict: 'significant' | 'uncertain';
  /**
   * For an uncertain verdict: samples per case that would decide it (two-sided test at 5%, power 0.8) if the true
   * value is the one observed, with the cases the run has.
   */
  readonly samplesPerCase?: number;
  /** For an uncertain verdict that more samples per case cannot decide: the cases needed. */
  readonly casesNeeded?: number;
  /** Why no plan is given, when none is. */
  readonly note?: string;
  /**
   * For an uncertain verdict on a mean score whose judges were asked more than once: the share of the value's
   * variance that is the judges' own call-to-call noise. More answers per verdict (`samples r` of the judge) shrink
   * that part without a new output.
   */
  readonly judgeShare?: number;
}

/** Whether the interval [lower, upper] is wholly on the side of `threshold` that `operator` asks for, or wholly off. */
function side(operator: ComparisonOperator, threshold: number, lower: number, upper: number): 'in' | 'out' | 'both' {
  switch (operator) {
    case '>=':
      return lower >= threshold ? 'in' : upper < threshold ? 'out' : 'both';
    case '>':
      return lower > threshold ? 'in' : upper <= threshold ? 'out' : 'both';
    case '<=':
      return upper <= threshold ? 'in' : lower > threshold ? 'out' : 'both';
    case '<':
      return upper < threshold ? 'in' : lower >= threshold ? 'out' : 'both';
    case '==':
      return lower > threshold || upper < threshold ? 'out' : 'both';
    case '!=':
      return lower > threshold || upper < threshold ? 'in' : 'both';
    default:
      return operator satisfies never;
  }
}

/**
 * Judges an expectation's observed value against its threshold: significant when the interval excludes the other
 * side, uncertain otherwise; for an uncertain one, the samples per case (from `planSampleSize`, with the value's
 * variance split into its between-case and within-case parts) that would tell the observed value from the threshold.
 */
export function expectationSignificance(
  observed: MetricValue,
  operator: ComparisonOperator,
  threshold: number,
): ExpectationSignificance | undefined {
  if (!observed.defined || !observed.interval) return undefined;
  const { lower, upper } = observed.interval;
  if (side(operator, threshold, lower, upper) !== 'both') return { verdict: 'significant' };
  const effect = Math.abs(observed.value - threshold);
  const noise = observed.noise;
  if (!noise) return { verdict: 'uncertain', note: 'an extrapolated value: more samples per case narrow it' };
  if (effect < 1e-9) return { verdict: 'uncertain', note: 'the observed value is at the threshold' };
  const query = {
    effect,
    betweenCaseVariance: noise.betweenCaseVariance,
    withinCaseVariance: noise.withinCaseVariance,
  };
  const judged = noise.judge && noise.judge.share > 0 ? { judgeShare: noise.judge.share } : {};
  const floor = planSampleSize({ ...query, samplesPerCase: 1, power: decidingPower }).minimumCases;
  if (noise.cases < floor) return { verdict: 'uncertain', casesNeeded: floor, ...judged };
  const plan = planSampleSize({ ...query, cases: noise.cases, power: decidingPower });
  return {
    verdict: 'uncertain',
    samplesPerCase: Math.max(plan.samplesPerCase, Math.ceil(noise.samplesPerCase)),
    ...judged,
  };
}
