import type { CaseOutcomes } from './case-outcomes.js';
import type { CaseCosts } from './cost/case-costs.js';
import { costPerSuccess } from './cost/cost-per-success.js';
import { expectedCostToSuccess } from './cost/expected-cost-to-success.js';
import { latencyPercentile, latencyPercentiles } from './cost/latency-percentiles.js';
import { meanCostInterval } from './cost/mean-cost-interval.js';
import { intervalStandardError } from './interval-standard-error.js';
import type { MetricValue } from './metric-value.js';
import { nonNegativeInterval } from './non-negative-interval.js';
import { mean, sampleVariance } from './sample-moments.js';
import { percentileShare, type SpendMetric, spendValues } from './spend-estimate.js';

/**
 * A spend metric over cases (one case for a case's own expectation), with its interval:
 * - `cost` (the total): the sum of what the samples cost, an observed amount with no interval;
 * - `cost_per_sample`, `tokens_per_sample`: the mean over cases of each case's mean, with a normal interval from the
 *   spread of the case means (one case: the log-scale interval of its samples' mean);
 * - `cost_per_success`: total dollars over total successes (`costPerSuccess`);
 * - `cost_to_success`: the mean over cases of the expected cost to the first success (`expectedCostToSuccess`);
 * - latencies: the mean and percentiles of every sample's seconds, pooled over the cases (`latencyPercentile`).
 */
export function spendMetricValue(metric: SpendMetric, cases: readonly CaseOutcomes[], level: number): MetricValue {
  if (cases.length === 0) return { defined: false, reason: 'no cases' };
  const perCase: (readonly number[])[] = [];
  for (const outcomes of cases) {
    const found = spendValues(metric, outcomes);
    if ('reason' in found) return { defined: false, reason: found.reason };
    perCase.push(found.values);
  }
  if (metric.name === 'latency') {
    const seconds = perCase.flat();
    const share = percentileShare(metric.statistic);
    return share === undefined ? latencyPercentiles(seconds, level).mean : latencyPercentile(seconds, share, level);
  }
  if (metric.name === 'tokens-per-sample') return meanOverCases(perCase, level);
  const costs: CaseCosts[] = cases.map((outcomes, index) => ({
    caseId: outcomes.caseId,
    n: outcomes.n,
    c: outcomes.c,
    costs: perCase[index] as readonly number[],
  }));
  switch (metric.measure) {
    case 'total':
      return {
        defined: true,
        value: cases.reduce(
          (sum, outcomes, index) =>
            sum +
            (outcomes.spend?.costTotal ?? (perCase[index] as readonly number[]).reduce((add, cost) => add + cost, 0)),
          0,
        ),
      };
    case 'per-sample':
      return meanOverCases(perCase, level);
    case 'per-success':
      return costPerSuccess(costs, level);
    case 'to-success':
      return expectedCostToSuccess(costs, { level });
    default:
      return metric.measure satisfies never;
  }
}

/** The mean over cases of each case's mean value, with a normal interval over the case means, never below 0. */
function meanOverCases(perCase: readonly (readonly number[])[], level: number): MetricValue {
  if (perCase.length === 1) {
    const values = perCase[0] as readonly number[];
    const value = mean(values);
    const interval = meanCostInterval(values, level);
    if (!interval) return { defined: true, value };
    const { lower, upper } = interval;
    return {
      defined: true,
      value,
      interval: { lower, upper, level, standardError: intervalStandardError(lower, upper, level), method: 'case' },
    };
  }
  const means = perCase.map((values) => mean(values));
  const value = mean(means);
  const standardError = Math.sqrt(sampleVariance(means) / means.length);
  return {
    defined: true,
    value,
    interval: nonNegativeInterval(value, standardError, level),
  };
}
