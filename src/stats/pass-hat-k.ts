import { checkCounts } from './check-counts.js';
import { logNoSuccessProbability } from './log-no-success-probability.js';

/**
 * The unbiased estimator of pass^k (Yao et al. 2024, "τ-bench"): the chance that all k samples, drawn without
 * replacement from n samples of which c succeeded, succeed. Equals C(c, k)/C(n, k) = 1 − pass@k(n, n − c, k);
 * its expectation over c ~ Binomial(n, p) is exactly p^k. It measures reliability, where pass@k measures reach.
 *
 * Computed in log space over min(n − c, k) ratios: a relative error of about 2e-16 × |log value|, so under
 * 1e-13 for any value a double holds, up to n = 10^6 and beyond. Throws a RangeError for k > n and for counts that are not integers in range.
 */
export function passHatK(n: number, c: number, k: number): number {
  checkCounts('pass^k', n, c, k);
  return Math.exp(logNoSuccessProbability(n, n - c, k));
}
