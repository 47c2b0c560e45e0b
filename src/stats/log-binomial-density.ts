/**
 * Catherine Loader's saddle-point evaluation of the binomial probability mass (Loader 2000, "Fast and Accurate
 * Computation of Binomial Probabilities"; R's `dbinom_raw`), in log space. Accurate to a few ulps relative,
 * where the naive log C(n, x) + x log p + (n − x) log q loses digits to cancellation once n is large.
 */

const LN_2PI = 1.8378770664093453;

/** stirlerr(n) = log n! − (n + ½) log n + n − ½ log 2π for integers 1..15, to double precision. */
const SMALL_STIRLING_ERRORS = [
  0, 0.08106146679532726, 0.0413406959554093, 0.02767792568499834, 0.020790672103765093, 0.016644691189821193,
  0.013876128823070748, 0.01189670994589177, 0.010411265261972096, 0.009255462182712733, 0.00833056343336287,
  0.007573675487951841, 0.00694284010720953, 0.006408994188004207, 0.0059513701127588475, 0.005554733551962801,
];

/** The error of Stirling's approximation to log n!, for integers n ≥ 1. */
export function stirlingError(n: number): number {
  const small = SMALL_STIRLING_ERRORS[n];
  if (small !== undefined) return small;
  const s0 = 1 / 12;
  const s1 = 1 / 360;
  const s2 = 1 / 1260;
  const s3 = 1 / 1680;
  const s4 = 1 / 1188;
  const nn = n * n;
  if (n > 500) return (s0 - s1 / nn) / n;
  if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n;
  if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

/** The deviance term x log(x/m) + m − x, by a series where x is near m, so no digits cancel. */
export function binomialDeviance(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let sum = (x - m) * v;
    let term = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      term *= v;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / m) + m - x;
}

/**
 * log of C(size, x) p^x q^(size−x) for an integer 0 ≤ x ≤ size, with q = 1 − p passed separately so that
 * neither is rounded through the other. The p^x q^(size−x) factors cancel exactly in ratios of such terms
 * (as in the hypergeometric mass) even when p + q ≠ 1 in floating point.
 */
export function logBinomialDensity(x: number, size: number, p: number, q: number): number {
  if (p === 0) return x === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (q === 0) return x === size ? 0 : Number.NEGATIVE_INFINITY;
  if (x === 0) {
    if (size === 0) return 0;
    return p < 0.1 ? -binomialDeviance(size, size * q) - size * p : size * Math.log(q);
  }
  if (x === size) return q < 0.1 ? -binomialDeviance(size, size * p) - size * q : size * Math.log(p);
  if (x < 0 || x > size) return Number.NEGATIVE_INFINITY;
  const stirling = stirlingError(size) - stirlingError(x) - stirlingError(size - x);
  const deviance = binomialDeviance(x, size * p) + binomialDeviance(size - x, size * q);
  return stirling - deviance - 0.5 * (LN_2PI + Math.log(x) + Math.log1p(-x / size));
}
