import type { IntervalEstimate } from './interval-estimate.js';
import { checkLevel } from './normal-interval.js';
import { mean, sampleVariance } from './sample-moments.js';
import { createSeededRandom } from './seeded-random.js';

/** Options of `bootstrapInterval`. */
export interface BootstrapOptions<T> {
  /** Seed of the generator that draws the resamples: the same seed gives the same interval. */
  seed: number;
  /** The statistic of a sample; the mean by default (for number lists only). */
  statistic?: (sample: readonly T[]) => number;
  /** The number of resamples; 2000 by default. */
  resamples?: number;
  /** The confidence level; 0.95 by default. */
  level?: number;
  /**
   * One group per item, to resample whole groups with replacement (the cluster bootstrap) instead of items,
   * when items within a group are correlated.
   */
  groups?: readonly (string | number)[];
}

/** A percentile bootstrap interval. */
export interface BootstrapInterval extends IntervalEstimate {
  /** The number of resamples drawn. */
  resamples: number;
}

/**
 * A percentile bootstrap interval for a statistic of items (cases): draws `resamples` samples of the items
 * (or of whole groups) with replacement, and takes the (1 − level)/2 and 1 − (1 − level)/2 quantiles
 * (linear interpolation) of the statistic over them (Efron and Tibshirani 1993, ch. 13; Miller 2024 §2 as a
 * check on the normal interval). `estimate` is the statistic of the items themselves and `standardError` the
 * standard deviation of the resampled statistics. Deterministic given `seed`: no global randomness is used.
 * Throws a RangeError for fewer than two items (or groups), a statistic that is not finite on some resample,
 * fewer than 2 resamples, or a level outside (0, 1).
 */
export function bootstrapInterval(values: readonly number[], options: BootstrapOptions<number>): BootstrapInterval;
export function bootstrapInterval<T>(
  items: readonly T[],
  options: BootstrapOptions<T> & { statistic: (sample: readonly T[]) => number },
): BootstrapInterval;
export function bootstrapInterval<T>(items: readonly T[], options: BootstrapOptions<T>): BootstrapInterval {
  const { seed, resamples = 2000, level = 0.95, groups } = options;
  const statistic = options.statistic ?? (mean as unknown as (sample: readonly T[]) => number);
  checkLevel(level);
  if (!Number.isInteger(resamples) || resamples < 2) {
    throw new RangeError(`bootstrap: resamples must be an integer of at least 2, got ${resamples}`);
  }
  const units = groupItems(items, groups);
  if (units.length < 2) throw new RangeError(`bootstrap: needs at least 2 items or groups, got ${units.length}`);
  const random = createSeededRandom(seed);
  const replicates: number[] = [];
  for (let draw = 0; draw < resamples; draw++) {
    const sample: T[] = [];
    for (let index = 0; index < units.length; index++) {
      sample.push(...(units[Math.floor(random() * units.length)] as T[]));
    }
    const value = statistic(sample);
    if (!Number.isFinite(value)) {
      throw new RangeError(`bootstrap: the statistic gave ${value} on resample ${draw}; it must be finite`);
    }
    replicates.push(value);
  }
  replicates.sort((left, right) => left - right);
  const tail = (1 - level) / 2;
  return {
    estimate: statistic(items),
    standardError: Math.sqrt(sampleVariance(replicates)),
    lower: quantileOfSorted(replicates, tail),
    upper: quantileOfSorted(replicates, 1 - tail),
    level,
    resamples,
  };
}

/** The items as resampling units: one per item, or one per group in order of first appearance. */
function groupItems<T>(items: readonly T[], groups: readonly (string | number)[] | undefined): T[][] {
  if (groups === undefined) return items.map((item) => [item]);
  if (groups.length !== items.length) {
    throw new RangeError(`bootstrap: needs one group per item, got ${groups.length} groups for ${items.length} items`);
  }
  const byGroup = new Map<string | number, T[]>();
  items.forEach((item, index) => {
    const group = groups[index] as string | number;
    const members = byGroup.get(group);
    if (members) members.push(item);
    else byGroup.set(group, [item]);
  });
  return [...byGroup.values()];
}

/** The q-quantile of an ascending list by linear interpolation (Hyndman and Fan's type 7, R's default). */
export function quantileOfSorted(sorted: readonly number[], q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (position - below) * (high - low);
}
