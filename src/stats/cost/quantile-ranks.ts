import { binomialUpperTail } from '../binomial-upper-tail.js';
import { checkLevel } from '../normal-interval.js';

/** The order statistics that bound a quantile with a stated confidence. */
export interface QuantileRanks {
  /** The rank (1-based, ascending) of the lower end. */
  readonly lower: number;
  /** The rank of the upper end, above `lower`. */
  readonly upper: number;
  /** The exact chance that [X_(lower), X_(upper)] holds the quantile of a continuous distribution, at least the level. */
  readonly coverage: number;
}

/**
 * The ranks of the distribution-free confidence interval of the q-quantile from n independent draws of one
 * distribution (Hahn and Meeker 1991, "Statistical Intervals", §5.2): the number B of draws at or below the
 * quantile is Binomial(n, q), so [X_(l), X_(u)] holds it with probability P(l ≤ B < u). Each tail is kept at
 * most (1 − level)/2: l the largest rank with P(B < l) ≤ (1 − level)/2, u the smallest with P(B ≥ u) ≤ (1 − level)/2.
 * Ties only widen it. Undefined when n is too small for either end (q^n or (1 − q)^n above (1 − level)/2): 6 draws
 * for the median, 72 for the 95th percentile and 368 for the 99th at level 0.95.
 */
export function quantileRanks(n: number, q: number, level = 0.95): QuantileRanks | undefined {
  checkLevel(level);
  if (!(q > 0 && q < 1)) throw new RangeError(`quantile ranks: q must be strictly between 0 and 1, got ${q}`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`quantile ranks: n must be a non-negative integer, got ${n}`);
  const tail = (1 - level) / 2;
  const atLeast = (rank: number) => binomialUpperTail(n, q, rank);
  if (n === 0 || atLeast(1) < 1 - tail || atLeast(n) > tail) return undefined;
  // atLeast falls as the rank rises: search for the last rank with atLeast ≥ 1 − tail and the first with ≤ tail.
  let low = 1;
  let high = n;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (atLeast(middle) >= 1 - tail) low = middle;
    else high = middle - 1;
  }
  const lower = low;
  low = 1;
  high = n;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (atLeast(middle) <= tail) high = middle;
    else low = middle + 1;
  }
  const upper = high;
  return { lower, upper, coverage: atLeast(lower) - atLeast(upper) };
}
