import { quantileOfSorted } from './bootstrap-interval.js';
import { cappedAttempts } from './capped-attempts.js';
import type { CaseOutcomes } from './case-outcomes.js';
import type { CostMeasure, LatencyStatistic, MetricReference } from './metric-reference.js';
import { mean } from './sample-moments.js';

/** A metric read from what samples spent: dollars, tokens or seconds. */
export type SpendMetric = Extract<MetricReference, { name: 'cost' | 'tokens-per-sample' | 'latency' }>;

/** Why a case's spending is not known for a metric, or the case's values. */
export function spendValues(
  metric: SpendMetric,
  outcomes: CaseOutcomes,
): { readonly values: readonly number[] } | { readonly reason: string } {
  const { spend } = outcomes;
  if (!spend || outcomes.drawn === 0) return { reason: `case "${outcomes.caseId}" has no samples with usage` };
  switch (metric.name) {
    case 'cost':
      return spend.costs
        ? { values: spend.costs }
        : { reason: 'the interpreter has no price: give it one with `price` in informal.config (see docs/cost.md)' };
    case 'tokens-per-sample':
      return { values: spend.tokens };
    case 'latency':
      return { values: spend.seconds };
    default:
      return metric satisfies never;
  }
}

/** The share below a latency percentile, such as 0.95 for `p95`; undefined for the mean. */
export function percentileShare(statistic: LatencyStatistic): number | undefined {
  return statistic === 'mean' ? undefined : Number(statistic.slice(1)) / 100;
}

/**
 * A spend metric's point estimate on one case: the mean cost, tokens or latency of its samples, a latency
 * percentile, the case's total cost, its cost per success, or its expected cost to the first success (capped
 * expected attempts at the samples scored, times the mean cost of a sample drawn).
 */
export function spendCaseEstimate(
  metric: SpendMetric,
  outcomes: CaseOutcomes,
): { readonly value: number } | { readonly reason: string } {
  const found = spendValues(metric, outcomes);
  if ('reason' in found) return found;
  const { values } = found;
  if (metric.name === 'latency') {
    const share = percentileShare(metric.statistic);
    return {
      value:
        share === undefined
          ? mean(values)
          : quantileOfSorted(
              [...values].sort((a, b) => a - b),
              share,
            ),
    };
  }
  if (metric.name !== 'cost') return { value: mean(values) };
  return costEstimate(metric.measure, outcomes, values);
}

function costEstimate(
  measure: CostMeasure,
  outcomes: CaseOutcomes,
  costs: readonly number[],
): { readonly value: number } | { readonly reason: string } {
  switch (measure) {
    case 'total':
      return { value: costs.reduce((total, cost) => total + cost, 0) };
    case 'per-sample':
      return { value: mean(costs) };
    case 'per-success':
      return outcomes.c === 0
        ? { reason: `case "${outcomes.caseId}" has no success to divide its cost by` }
        : { value: costs.reduce((total, cost) => total + cost, 0) / outcomes.c };
    case 'to-success':
      return outcomes.n === 0
        ? { reason: `case "${outcomes.caseId}" has no scored samples` }
        : { value: cappedAttempts(outcomes.n, outcomes.c, outcomes.n) * mean(costs) };
    default:
      return measure satisfies never;
  }
}
