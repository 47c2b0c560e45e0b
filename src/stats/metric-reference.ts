/** A metric of success counts per case: pass@k (some of k attempts succeeds) or pass^k (all k succeed). */
export interface CountMetric {
  readonly name: 'pass@k' | 'pass^k';
  readonly k: number;
}

/**
 * A metric an expectation can be written over. Count metrics use successes (after `pass when`); `max@k` and
 * `mean-score` use the real scores; `g-pass@k` is G-Pass@k at threshold `tau`; `attempts` is the capped expected
 * number of attempts E[min(T, budget)] (lower is better); `pass@inf` is the extrapolated pass@∞; `error-rate` is the
 * share of samples whose interpreter or verifier failed.
 */
export type MetricReference =
  | CountMetric
  | { readonly name: 'max@k'; readonly k: number }
  | { readonly name: 'g-pass@k'; readonly k: number; readonly tau: number }
  | { readonly name: 'mean-score' }
  | { readonly name: 'attempts'; readonly budget: number }
  | { readonly name: 'pass@inf' }
  | { readonly name: 'error-rate' };

/** Whether a metric is computed from success counts alone. */
export function isCountMetric(metric: MetricReference): metric is CountMetric {
  return metric.name === 'pass@k' || metric.name === 'pass^k';
}
