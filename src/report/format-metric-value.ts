import type { MetricReference } from '../stats/metric-reference.js';
import { formatDollars, formatMetric, formatSeconds, formatTokens } from './format-number.js';

/**
 * A metric's value in its own unit: dollars for the cost metrics (`$0.0033`), tokens for `tokens_per_sample`
 * (`41.5`), seconds for the latencies (`850 ms`), three decimals for the rest (fractions, scores, attempts).
 */
export function formatMetricValue(metric: MetricReference, value: number): string {
  switch (metric.name) {
    case 'cost':
      return formatDollars(value);
    case 'tokens-per-sample':
      return formatTokens(value);
    case 'latency':
      return formatSeconds(value);
    case 'pass@k':
    case 'pass^k':
    case 'max@k':
    case 'g-pass@k':
    case 'mean-score':
    case 'attempts':
    case 'pass@inf':
    case 'error-rate':
      return formatMetric(value);
    case 'suite-k':
      return Number.isFinite(value) ? String(Math.round(value)) : '∞';
    default:
      return metric satisfies never;
  }
}

/** An interval in its metric's unit, as `[0.512, 0.790]` or `[$0.0021, $0.0034]`. */
export function formatMetricInterval(metric: MetricReference, lower: number, upper: number): string {
  return `[${formatMetricValue(metric, lower)}, ${formatMetricValue(metric, upper)}]`;
}
