import { CompensatedSum } from './compensated-sum.js';
import { logBinomialDensity } from './log-binomial-density.js';

/**
 * P(Binomial(k, p) ≥ m): the chance that at least m of k independent attempts succeed, each with probability p.
 * The masses are Loader's saddle-point values (`logBinomialDensity`), summed with compensation, so the tail keeps
 * its relative accuracy where it is small. This is G-Pass@k as a function of a case's success probability.
 * Arguments are trusted: k a non-negative integer, m an integer, p in [0, 1].
 */
export function binomialUpperTail(k: number, p: number, m: number): number {
  if (m <= 0) return 1;
  if (m > k || p <= 0) return 0;
  if (p >= 1) return 1;
  const q = 1 - p;
  const sum = new CompensatedSum();
  for (let j = m; j <= k; j++) sum.add(Math.exp(logBinomialDensity(j, k, p, q)));
  return Math.min(1, Math.max(0, sum.value));
}
