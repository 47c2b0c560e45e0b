import { checkCounts } from './check-counts.js';
import { logNoSuccessProbability } from './log-no-success-probability.js';

/**
 * The unbiased estimator of E[min(T, B)], the expected number of attempts until the first success when at most
 * B are made, from n samples of which c succeeded. T is the position of the first success in a uniformly random
 * order of the n samples (n + 1 if none succeeds), so B ≤ n + 1 is required. Over c ~ Binomial(n, p) its
 * expectation is exactly Σ_{j<B} (1 − p)^j, the capped mean of a geometric number of attempts.
 *
 * No unbiased estimator of the uncapped mean 1/p exists (any estimator's expectation is a polynomial in p of
 * degree ≤ n, and 1/p is not one), so report this capped mean, or model-based values from extrapolation.
 *
 * Equals Σ_{j=0..B−1} C(n−c, j)/C(n, j), which the hockey-stick identity turns into
 * (n + 1)/(c + 1) · (1 − C(n+1−B, c+1)/C(n+1, c+1)): at B = n + 1 it is (n + 1)/(c + 1), and with c = 0 it is B.
 * Computed from that closed form in log space: a few ulps of relative error up to n = 10^6.
 * Throws a RangeError for B outside 1..n + 1 and for counts that are not integers in range.
 */
export function cappedAttempts(n: number, c: number, B: number): number {
  checkCounts('capped attempts', n, c, 1);
  if (!Number.isInteger(B) || B < 1 || B > n + 1) {
    throw new RangeError(
      `capped attempts: the budget B must be an integer between 1 and n + 1 = ${n + 1}, got ${B}; ` +
        `more than n + 1 attempts cannot be estimated without bias from ${n} samples`,
    );
  }
  if (c === 0 || B === 1) return B;
  return ((n + 1) / (c + 1)) * (0 - Math.expm1(logNoSuccessProbability(n + 1, B, c + 1)));
}
