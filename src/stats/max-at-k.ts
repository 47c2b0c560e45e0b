import { checkCounts } from './check-counts.js';
import { CompensatedSum } from './compensated-sum.js';

/**
 * max@k: the expected best score among k of the n scores drawn without replacement, the unbiased estimator of
 * E[max of k attempts] for real-valued scores (partial credit). Equals Σ_{i=k..n} s_(i) C(i−1, k−1)/C(n, k) for
 * the scores in ascending order, ties included; on scores in {0, 1} it is pass@k, and at k = n the maximum.
 *
 * Computed as a layer cake, E[max] = s_(1) + Σ over distinct values v (v − v_prev)·P(max ≥ v), where P(max ≥ v)
 * is pass@k with c = #{s ≥ v}; every term is non-negative, and the pass@k values come from one compensated
 * running sum of logs, so it is accurate to a few ulps in O(n log n) for n up to 10^6.
 * Throws a RangeError for an empty list, non-finite scores, or k outside 1..n.
 */
export function maxAtK(scores: readonly number[], k: number): number {
  const n = scores.length;
  if (n === 0) throw new RangeError('max@k: needs at least one score, got none');
  let maximum = Number.NEGATIVE_INFINITY;
  for (const score of scores) {
    if (!Number.isFinite(score)) throw new RangeError(`max@k: scores must be finite numbers, got ${score}`);
    maximum = Math.max(maximum, score);
  }
  checkCounts('max@k', n, 0, k);
  if (k === n) return maximum;
  const descending = [...scores].sort((left, right) => right - left);
  // logNoSuccess = log C(n−c, k)/C(n, k) for c = the count of scores at or above the current value.
  const logNoSuccess = new CompensatedSum();
  const expected = new CompensatedSum();
  let count = 0;
  for (let index = 0; index < n; ) {
    const value = descending[index] as number;
    while (index < n && descending[index] === value) {
      const i = n - count;
      if (i > k) logNoSuccess.add(2 * k < i ? Math.log1p(-k / i) : Math.log((i - k) / i));
      count++;
      index++;
    }
    const below = index < n ? (descending[index] as number) : 0;
    const atLeast = n - count < k ? 1 : 0 - Math.expm1(logNoSuccess.value);
    expected.add(index < n ? (value - below) * atLeast : value);
  }
  return expected.value;
}
