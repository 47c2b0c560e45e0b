/** The q-quantile of sorted values (linear interpolation between order statistics). */
function quantileOfSorted(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  // Spelled out so that infinite values (no crossing) give infinity, not NaN.
  if (position === below || high === low) return low;
  return low + (high - low) * (position - below);
}

/** The q-quantile of `values` (linear interpolation between order statistics); `values` need not be sorted
 * and may hold infinities. */
export function quantile(values: readonly number[], q: number): number {
  return quantileOfSorted(Float64Array.from(values).sort(), q);
}

/** The quantiles `qs` of `values`, as `quantile` gives each, from one sort. */
export function quantiles(values: readonly number[], qs: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  return qs.map((q) => quantileOfSorted(sorted, q));
}
