/*
 * Exact rational arithmetic with BigInt, to check the floating-point estimators against the truth at sizes
 * (n up to 10^6) where no test vector exists.
 */

/** C(n, k) exactly. */
export function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  const smaller = Math.min(k, n - k);
  let result = 1n;
  for (let i = 1; i <= smaller; i++) result = (result * BigInt(n - smaller + i)) / BigInt(i);
  return result;
}

/** The product Π_{i=from..to} i exactly (1 when from > to). */
export function risingProduct(from: number, to: number): bigint {
  if (from > to) return 1n;
  if (to - from < 64) {
    let result = 1n;
    for (let i = from; i <= to; i++) result *= BigInt(i);
    return result;
  }
  const middle = Math.floor((from + to) / 2);
  return risingProduct(from, middle) * risingProduct(middle + 1, to);
}

/** The double nearest (within one ulp) to numerator/denominator, for non-negative integers, denominator > 0. */
export function ratioToNumber(numerator: bigint, denominator: bigint): number {
  if (numerator === 0n) return 0;
  const shift = bitLength(numerator) - bitLength(denominator) - 80;
  const quotient =
    shift >= 0 ? numerator / (denominator << BigInt(shift)) : (numerator << BigInt(-shift)) / denominator;
  const half = Math.trunc(shift / 2);
  return Number(quotient) * 2 ** half * 2 ** (shift - half);
}

function bitLength(value: bigint): number {
  return value.toString(2).length;
}
