import { checkCounts } from './check-counts.js';
import { hypergeometricTailSum } from './hypergeometric-tail.js';

/**
 * mG-Pass@k (Liu et al. 2024): the mean of G-Pass@k_τ over the strict half τ ∈ (0.5, 1], as
 * (2/k) Σ_{i=⌈k/2⌉+1..k} G-Pass@k_{i/k}. Its greatest value is 2(k − ⌈k/2⌉)/k (0.8 for k = 5) and it is 0 for
 * k = 1, where the sum is empty. Computed as (2/k) E[(X − ⌈k/2⌉)⁺] for X the hypergeometric count of
 * successes, in one pass over the masses. Throws a RangeError for k > n and for counts out of range.
 */
export function mgPassAtK(n: number, c: number, k: number): number {
  checkCounts('mG-Pass@k', n, c, k);
  return (2 / k) * hypergeometricTailSum(n, c, k, Math.ceil(k / 2) + 1);
}
