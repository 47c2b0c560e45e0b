import { CompensatedSum } from './compensated-sum.js';
import { logBinomialDensity } from './log-binomial-density.js';

/** Below this share of the sum so far, the masses left on the far side of the mode no longer change it. */
const negligible = 1e-20;

/**
 * P(Binomial(k, p) ≥ m): the chance that at least m of k independent attempts succeed, each with probability p.
 * The masses are Loader's saddle-point values (`logBinomialDensity`), summed with compensation, so the tail keeps
 * its relative accuracy where it is small. This is G-Pass@k as a function of a case's success probability.
 *
 * The masses fall away from the mode on both sides, so the sum runs away from it and stops once they are
 * negligible: above the mode it is the upper tail itself, from m up; at or below it, one less the lower tail, from
 * m − 1 down (the upper tail is then at least about a half, so nothing is lost to cancellation). A tail of k = 10⁵
 * then takes a few thousand masses rather than k.
 * Arguments are trusted: k a non-negative integer, m an integer, p in [0, 1].
 */
export function binomialUpperTail(k: number, p: number, m: number): number {
  if (m <= 0) return 1;
  if (m > k || p <= 0) return 0;
  if (p >= 1) return 1;
  const q = 1 - p;
  const mode = Math.floor((k + 1) * p);
  const sum = new CompensatedSum();
  if (m > mode) {
    for (let j = m; j <= k; j++) {
      const mass = Math.exp(logBinomialDensity(j, k, p, q));
      sum.add(mass);
      if (mass < sum.value * negligible) break;
    }
    return Math.min(1, Math.max(0, sum.value));
  }
  for (let j = m - 1; j >= 0; j--) {
    const mass = Math.exp(logBinomialDensity(j, k, p, q));
    sum.add(mass);
    if (mass < sum.value * negligible) break;
  }
  return Math.min(1, Math.max(0, 1 - sum.value));
}
