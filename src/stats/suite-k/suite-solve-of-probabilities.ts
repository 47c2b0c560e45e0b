/**
 * The suite's solve curve at known success probabilities: ln P(max_i T_i ≤ k) = Σ_i ln(1 − (1 − p_i)^k), where
 * T_i, the attempts case i needs, is geometric in p_i. −∞ when some p_i is 0 (that case is never solved) and
 * for k = 0. Computed in log space, so a suite of thousands of cases keeps its precision.
 */
export function logSuiteSolveOfProbabilities(probabilities: ArrayLike<number>, k: number): number {
  if (k <= 0) return Number.NEGATIVE_INFINITY;
  let total = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i] as number;
    if (p >= 1) continue;
    if (p <= 0) return Number.NEGATIVE_INFINITY;
    // ln(1 − (1 − p)^k) = ln(−expm1(k·ln(1 − p))).
    total += Math.log(-Math.expm1(k * Math.log1p(-p)));
  }
  return total;
}

/** The largest number of attempts per case the statistics search: beyond it the suite is taken as never solved. */
export const SUITE_K_SEARCH_LIMIT = 2 ** 50;

/**
 * The closed form of `suite_k@q` at known probabilities: the smallest k with Π_i (1 − (1 − p_i)^k) ≥ q, the
 * q-quantile of max_i T_i. Infinity when no k up to `SUITE_K_SEARCH_LIMIT` reaches q (a case with p = 0 never
 * does). Found by doubling, then bisection: the curve rises with k.
 */
export function suiteKOfProbabilities(probabilities: ArrayLike<number>, quantile: number): number {
  const target = Math.log(quantile);
  const reaches = (k: number) => logSuiteSolveOfProbabilities(probabilities, k) >= target;
  let high = 1;
  while (!reaches(high)) {
    if (high >= SUITE_K_SEARCH_LIMIT) return Number.POSITIVE_INFINITY;
    high *= 2;
  }
  let low = high / 2; // does not reach (or is ½ when high is 1)
  if (high === 1) return 1;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (reaches(middle)) high = middle;
    else low = middle;
  }
  return high;
}

/**
 * Σ_{k=from}^{to−1} (1 − F(k)) for a rising curve F in [0, 1]: every term while k < `exactUpTo`, then a
 * trapezoid over steps growing by 1/64 of k (the terms fall smoothly there, and the sum stays within a small
 * fraction of a percent of the exact one). The tail of a capped mean of attempts.
 */
export function sumOfShortfall(curve: (k: number) => number, from: number, to: number, exactUpTo = 256): number {
  let total = 0;
  let k = from;
  for (; k < Math.min(to, exactUpTo); k++) total += 1 - curve(k);
  if (k >= to) return total;
  let previous = 1 - curve(k);
  while (k < to && previous > 1e-15) {
    const next = Math.min(to, k + Math.max(1, Math.floor(k / 64)));
    const shortfall = 1 - curve(next);
    // Σ_{j=k}^{next−1} g(j) = ∫_k^next g + (g(k) − g(next))/2 (Euler–Maclaurin), the integral by the trapezoid.
    total += ((previous + shortfall) / 2) * (next - k) + (previous - shortfall) / 2;
    previous = shortfall;
    k = next;
  }
  return total;
}

/**
 * The closed form of the suite's capped mean of attempts, E[min(max_i T_i, B)] = Σ_{k=0}^{B−1} (1 − Π_i pass@k_i)
 * at known probabilities: B when some p_i is 0.
 */
export function suiteCappedMeanOfProbabilities(probabilities: ArrayLike<number>, budget: number): number {
  return sumOfShortfall((k) => Math.exp(logSuiteSolveOfProbabilities(probabilities, k)), 0, budget);
}
