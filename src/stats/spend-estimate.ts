import type { CaseOutcomes } from './case-outcomes.js';
import type { LatencyStatistic, MetricReference } from './metric-reference.js';

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
