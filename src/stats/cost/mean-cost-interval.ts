import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { checkLevel } from '../normal-interval.js';
import { mean, sampleVariance } from '../sample-moments.js';
import type { EstimateInterval } from './estimate-interval.js';

/**
 * The mean cost of a case's samples with a normal interval on the log scale: mean · exp(±z · s/(mean · √m)), the
 * delta method for log(mean). Costs are positive and skewed to the right (a long answer costs several times a
 * short one), and the log scale keeps the interval above 0 and longer on the right, where the mean is unsure.
 * Costs all 0 (a free model) give [0, 0]. Undefined with fewer than two costs: one cost says nothing of the spread.
 */
export function meanCostInterval(costs: readonly number[], level = 0.95): EstimateInterval | undefined {
  checkLevel(level);
  if (costs.length < 2) return undefined;
  const value = mean(costs);
  if (value === 0) return { value, lower: 0, upper: 0, level };
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  const logError = Math.sqrt(sampleVariance(costs) / costs.length) / value;
  return { value, lower: value * Math.exp(-z * logError), upper: value * Math.exp(z * logError), level };
}
