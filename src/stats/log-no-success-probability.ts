import { CompensatedSum } from './compensated-sum.js';

/**
 * The natural log of C(n−c, k)/C(n, k): the chance that k samples drawn without replacement from n samples,
 * c of them successes, hold no success. −Infinity when n − c < k. Arguments are trusted (callers check them).
 *
 * Never forms a binomial coefficient: it sums the logs of min(c, k) ratios, each in (0, 1), with compensated
 * summation, so the result has an absolute error of a few ulps of its own size for any n a double can count. Both products
 * below equal the ratio: Π_{i=n−c+1..n} (1 − k/i) and Π_{j=0..k−1} (1 − c/(n−j)).
 */
export function logNoSuccessProbability(n: number, c: number, k: number): number {
  if (c === 0) return 0;
  if (n - c < k) return Number.NEGATIVE_INFINITY;
  const sum = new CompensatedSum();
  if (c <= k) {
    for (let i = n - c + 1; i <= n; i++) sum.add(logOneMinusRatio(k, i));
  } else {
    for (let j = 0; j < k; j++) sum.add(logOneMinusRatio(c, n - j));
  }
  return sum.value;
}

/** log(1 − a/b) for integers 0 ≤ a < b: log1p is exact near 0, and b − a is exact where a/b is near 1. */
function logOneMinusRatio(a: number, b: number): number {
  return 2 * a < b ? Math.log1p(-a / b) : Math.log((b - a) / b);
}
