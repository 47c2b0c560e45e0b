import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { IntervalEstimate } from './interval-estimate.js';
import { checkLevel } from './normal-interval.js';

/** Ranks from 1, ties given the mean of the ranks they span (the "fractional" ranking Spearman's ρ uses). */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (
      end + 1 < order.length &&
      (order[end + 1] as { value: number }).value === (order[start] as { value: number }).value
    )
      end++;
    const rank = (start + end) / 2 + 1;
    for (let position = start; position <= end; position++) ranks[(order[position] as { index: number }).index] = rank;
    start = end + 1;
  }
  return ranks;
}

/** Pearson's correlation of two equally long series; NaN when either is constant. */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += (x[i] as number) / n;
    meanY += (y[i] as number) / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - meanX;
    const dy = (y[i] as number) - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? Number.NaN : Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Spearman's rank correlation, with its interval, or why it has none. */
export type RankCorrelation =
  | ({ readonly defined: true; readonly n: number } & IntervalEstimate)
  | { readonly defined: false; readonly n: number; readonly reason: string };

/**
 * Spearman's ρ between two series (Pearson's correlation of their average ranks), with a Fisher-z interval using
 * the Fieller–Hartley–Pearson standard error 1.03 / √(n − 3). Undefined for fewer than 4 pairs or a constant series.
 */
export function spearman(x: readonly number[], y: readonly number[], level = 0.95): RankCorrelation {
  checkLevel(level);
  if (x.length !== y.length) throw new RangeError(`series of different lengths: ${x.length} and ${y.length}`);
  const n = x.length;
  if (n < 4) return { defined: false, n, reason: `${n} pairs; at least 4 are needed` };
  const rho = pearson(averageRanks(x), averageRanks(y));
  if (Number.isNaN(rho)) return { defined: false, n, reason: 'one of the series is constant' };
  const z = Math.atanh(Math.min(0.999999, Math.max(-0.999999, rho)));
  const standardError = 1.03 / Math.sqrt(n - 3);
  const q = normalQuantile(1 - (1 - level) / 2, 0, 1);
  return {
    defined: true,
    n,
    estimate: rho,
    standardError,
    lower: Math.tanh(z - q * standardError),
    upper: Math.tanh(z + q * standardError),
    level,
  };
}
