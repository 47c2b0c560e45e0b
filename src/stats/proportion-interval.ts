import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { Interval } from './interval.js';

/**
 * The Wilson score interval of a proportion: `successes` out of `trials` at a two-sided `level`. Unlike the
 * normal interval it stays inside [0, 1] and has a width above 0 at 0 and at `trials` successes, which is where
 * small samples of one case often sit. With no trials it is [0, 1].
 */
export function proportionInterval(successes: number, trials: number, level = 0.95): Interval {
  if (trials === 0) return { lower: 0, upper: 1, level };
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  const rate = successes / trials;
  const z2 = z * z;
  const center = (rate + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((rate * (1 - rate)) / trials + z2 / (4 * trials * trials));
  return {
    lower: successes === 0 ? 0 : Math.max(0, center - half),
    upper: successes === trials ? 1 : Math.min(1, center + half),
    level,
  };
}
