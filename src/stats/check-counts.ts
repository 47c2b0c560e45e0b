/**
 * Checks the counts an estimator over n samples with c successes takes, and refuses k > n: those values
 * are undefined, never 1. Throws a RangeError whose message names the argument and the fix.
 */
export function checkCounts(metric: string, n: number, c: number, k: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${metric}: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(c) || c < 0 || c > n) {
    throw new RangeError(`${metric}: c must be an integer between 0 and n = ${n}, got ${c}`);
  }
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`${metric}: k must be a positive integer, got ${k}`);
  if (k > n) {
    throw new RangeError(
      `${metric}: k = ${k} is larger than the ${n} samples drawn; it is undefined for k > n ` +
        '(draw at least k samples, or extrapolate beyond n)',
    );
  }
}
