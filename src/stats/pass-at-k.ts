import { checkCounts } from './check-counts.js';
import { logNoSuccessProbability } from './log-no-success-probability.js';

/**
 * The unbiased estimator of pass@k (Chen et al. 2021, "Evaluating Large Language Models Trained on Code"):
 * the chance that at least one of k samples, drawn without replacement from n samples of which c succeeded,
 * succeeds. Equals 1 − C(n−c, k)/C(n, k); its expectation over c ~ Binomial(n, p) is exactly 1 − (1 − p)^k.
 *
 * Computed as −expm1(Σ log(1 − ·)) over min(c, k) ratios, never as binomial coefficients: accurate to about
 * 1e-15 absolute, and to a few ulps relative when the value is tiny, up to n = 10^6 and beyond.
 * Throws a RangeError for k > n (pass@k is then undefined, not 1) and for counts that are not integers in range.
 */
export function passAtK(n: number, c: number, k: number): number {
  checkCounts('pass@k', n, c, k);
  return 0 - Math.expm1(logNoSuccessProbability(n, c, k)); // 0 − …, not −…: never −0
}
