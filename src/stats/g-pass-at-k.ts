import { checkCounts } from './check-counts.js';
import { ceilDecimalTimes } from './decimal-ceiling.js';
import { hypergeometricUpperTail } from './hypergeometric-tail.js';

/**
 * The unbiased estimator of G-Pass@k_τ (Liu et al. 2024, "Are Your LLMs Capable of Stable Reasoning?"): the
 * chance that at least m = max(⌈τk⌉, 1) of k samples, drawn without replacement from n samples of which c
 * succeeded, succeed: Σ_{j=m..min(c,k)} C(c, j) C(n−c, k−j)/C(n, k). Its expectation over c ~ Binomial(n, p)
 * is exactly P(Binomial(k, p) ≥ m). τ = 0 (or any τ ≤ 1/k) gives pass@k; τ = 1 gives pass^k.
 *
 * ⌈τk⌉ is computed exactly, reading τ as the decimal it prints as (so τ = 0.28, k = 25 gives m = 7, not 8).
 * The tail is summed from saddle-point masses: about 1e-14 relative error up to n = 10^6.
 * Throws a RangeError for k > n, for τ outside [0, 1], and for counts that are not integers in range.
 */
export function gPassAtK(n: number, c: number, k: number, tau: number): number {
  checkCounts('G-Pass@k', n, c, k);
  if (!Number.isFinite(tau) || tau < 0 || tau > 1) {
    throw new RangeError(`G-Pass@k: tau must be a number between 0 and 1, got ${tau}`);
  }
  return hypergeometricUpperTail(n, c, k, Math.max(ceilDecimalTimes(tau, k), 1));
}
