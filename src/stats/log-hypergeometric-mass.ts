import { logBinomialDensity } from './log-binomial-density.js';

/**
 * log P(X = j) for X the number of successes among k samples drawn without replacement from n samples of
 * which c succeeded: log of C(c, j) C(n−c, k−j)/C(n, k). −Infinity outside the support. Arguments are trusted.
 *
 * Written as a ratio of three binomial masses at p = k/n (R's `dhyper`, after Loader 2000), each by the
 * saddle-point method: a relative error of about 1e-14 for n up to 10^6 and beyond, never forming C(n, k).
 */
export function logHypergeometricMass(n: number, c: number, k: number, j: number): number {
  if (j < 0 || j > c || j > k || k - j > n - c) return Number.NEGATIVE_INFINITY;
  if (k === 0) return 0;
  const p = k / n;
  const q = (n - k) / n;
  return logBinomialDensity(j, c, p, q) + logBinomialDensity(k - j, n - c, p, q) - logBinomialDensity(k, n, p, q);
}
