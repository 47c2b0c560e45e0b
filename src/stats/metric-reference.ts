/** A metric of success counts per case: pass@k (some of k attempts succeeds) or pass^k (all k succeed). */
export interface CountMetric {
  readonly name: 'pass@k' | 'pass^k';
  readonly k: number;
}

/**
 * A metric an expectation can be written over. Count metrics use successes (after `pass when`); `max@k` and
 * `mean-score` use the real scores; `g-pass@k` is G-Pass@k at threshold `tau`; `attempts` is the capped expected
 * number of attempts E[min(T, budget)] (lower is better); `pass@inf` is the extrapolated pass@∞; `suite-k` is the
 * q-quantile of the attempts per case that solve the whole suite (`suite_k@q`, lower is better); `error-rate` is the
 * share of samples whose interpreter or verifier failed; `cost`, `tokens-per-sample` and `latency` are read from what
 * the samples spent (see `isSpendMetric`).
 */
export type MetricReference =
  | CountMetric
  | { readonly name: 'max@k'; readonly k: number }
  | { readonly name: 'g-pass@k'; readonly k: number; readonly tau: number }
  | { readonly name: 'mean-score' }
  | { readonly name: 'attempts'; readonly budget: number }
  | { readonly name: 'pass@inf' }
  | { readonly name: 'suite-k'; readonly quantile: number }
  | { readonly name: 'error-rate' }
  | { readonly name: 'tokens-per-sample' }
  | { readonly name: 'cost'; readonly measure: CostMeasure }
  | { readonly name: 'latency'; readonly statistic: LatencyStatistic };

/**
 * What a cost metric measures, in dollars of the program's own calls (judges and a simulated user are counted apart):
 * the run's `total`, the mean cost of a sample drawn, the total over the successes, or the expected cost to the first
 * success (capped attempts at the samples drawn, times the mean cost of an attempt).
 */
export type CostMeasure = 'total' | 'per-sample' | 'per-success' | 'to-success';

/** Which figure of the samples' latencies (a sample's calls, in seconds): their mean or a percentile. */
export type LatencyStatistic = 'mean' | 'p50' | 'p95' | 'p99';

/** Whether a metric is read from what samples cost (dollars, tokens, seconds) rather than from their scores. */
export function isSpendMetric(
  metric: MetricReference,
): metric is Extract<MetricReference, { name: 'cost' | 'tokens-per-sample' | 'latency' }> {
  return metric.name === 'cost' || metric.name === 'tokens-per-sample' || metric.name === 'latency';
}

/** Whether a metric is computed from success counts alone. */
export function isCountMetric(metric: MetricReference): metric is CountMetric {
  return metric.name === 'pass@k' || metric.name === 'pass^k';
}
