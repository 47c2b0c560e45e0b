import { binomialUpperTail } from '../binomial-upper-tail.js';
import { CompensatedSum } from '../compensated-sum.js';
import { logBinomialDensity } from '../log-binomial-density.js';
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
  if (n > windowFrom) return ranksInWindow(n, q, tail);
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

/** Above this many draws the ranks are read off the masses near n·q in one pass, not searched for tail by tail. */
const windowFrom = 1000;

/**
 * The same ranks for large n, from one pass over the binomial masses within 12 standard deviations of n·q (the
 * masses outside sum to less than 10⁻³⁰, below what a double can add to the tails): the lower tail P(B < r) is
 * summed upwards from the window's start, the upper tail P(B ≥ r) downwards from its end. About 24·√(n·q·(1 − q))
 * masses, against a search whose every step sums a tail.
 */
function ranksInWindow(n: number, q: number, tail: number): QuantileRanks | undefined {
  const spread = 12 * Math.sqrt(n * q * (1 - q)) + 2;
  const first = Math.max(0, Math.floor(n * q - spread));
  const last = Math.min(n, Math.ceil(n * q + spread));
  const masses: number[] = [];
  for (let j = first; j <= last; j++) masses.push(Math.exp(logBinomialDensity(j, n, q, 1 - q)));
  // below[i]: P(B < first + i); above[i]: P(B ≥ first + i).
  const below: number[] = [];
  const sumBelow = new CompensatedSum();
  for (let i = 0; i < masses.length; i++) {
    below.push(sumBelow.value);
    sumBelow.add(masses[i] as number);
  }
  const above: number[] = new Array(masses.length);
  const sumAbove = new CompensatedSum();
  for (let i = masses.length - 1; i >= 0; i--) {
    sumAbove.add(masses[i] as number);
    above[i] = sumAbove.value;
  }
  // lower: the largest rank with P(B < lower) ≤ tail; upper: the smallest with P(B ≥ upper) ≤ tail.
  let lowerIndex = -1;
  for (let i = 0; i < masses.length; i++) if ((below[i] as number) <= tail) lowerIndex = i;
  let upperIndex = -1;
  for (let i = masses.length - 1; i >= 0; i--) if ((above[i] as number) <= tail) upperIndex = i;
  const lower = first + lowerIndex;
  const upper = first + upperIndex;
  if (lowerIndex < 0 || upperIndex < 0 || lower < 1 || upper > n) return undefined;
  return { lower, upper, coverage: (above[lowerIndex] as number) - (above[upperIndex] as number) };
}
