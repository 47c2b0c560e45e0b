import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { MetricInterval } from './metric-value.js';

/**
 * The normal interval over cases, value ± z·standardError at `level`, of a figure that is never negative (dollars,
 * tokens, seconds): its lower end is cut at 0, its upper end left open.
 */
export function nonNegativeInterval(value: number, standardError: number, level: number): MetricInterval {
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  return {
    lower: Math.max(0, value - z * standardError),
    upper: value + z * standardError,
    level,
    standardError,
    method: 'cases',
  };
}
