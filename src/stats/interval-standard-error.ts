import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** The standard error a two-sided interval at `level` stands for: its half-width over the normal quantile. */
export function intervalStandardError(lower: number, upper: number, level: number): number {
  return (upper - lower) / (2 * normalQuantile(1 - (1 - level) / 2, 0, 1));
}
