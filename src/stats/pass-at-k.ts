import { checkCounts } from './check-counts.js';

/**
 * The unbiased estimator of pass@k (Chen et al. 2021): the chance that at least one of k samples, drawn
 * without replacement from n samples of which c succeeded, succeeds. Equals 1 − C(n−c, k)/C(n, k), computed
 * in the stable product form 1 − Π_{i=n−c+1..n} (1 − k/i). Throws a RangeError for k > n.
 */
export function passAtK(n: number, c: number, k: number): number {
  checkCounts('pass@k', n, c, k);
  if (n - c < k) return 1;
  let allFail = 1;
  for (let i = n - c + 1; i <= n; i++) allFail *= 1 - k / i;
  return 1 - allFail;
}
