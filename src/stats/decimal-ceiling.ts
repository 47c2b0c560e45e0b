/**
 * ⌈x·k⌉ computed exactly, reading x as the decimal it prints as (JavaScript's shortest round-trip form,
 * `String(x)`), so that ⌈0.28 · 25⌉ is 7, where floating point gives 0.28 * 25 = 7.000000000000001 and 8.
 * x must be finite and non-negative, k a non-negative integer.
 */
export function ceilDecimalTimes(x: number, k: number): number {
  const { numerator, denominator } = decimalFraction(x);
  const product = numerator * BigInt(k);
  const quotient = product / denominator;
  return Number(product % denominator === 0n ? quotient : quotient + 1n);
}

/** The decimal that `String(x)` shows, as an exact fraction of integers. */
function decimalFraction(x: number): { numerator: bigint; denominator: bigint } {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (!match) throw new RangeError(`expected a finite non-negative number, got ${x}`);
  const [, whole = '', fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText) - fraction.length;
  const digits = BigInt(whole + fraction);
  return exponent >= 0
    ? { numerator: digits * 10n ** BigInt(exponent), denominator: 1n }
    : { numerator: digits, denominator: 10n ** BigInt(-exponent) };
}
