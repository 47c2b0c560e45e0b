import type { CaseCounts } from '../case-counts.js';

/**
 * Checks per-case counts for an extrapolation: at least one case, n a positive integer and c an integer in
 * [0, n] on each. Throws a RangeError naming the first bad case and what to fix.
 */
export function checkCases(what: string, cases: readonly CaseCounts[]): void {
  if (!Array.isArray(cases) || cases.length === 0) {
    throw new RangeError(`${what}: needs at least one case as { n, c }, got none`);
  }
  cases.forEach((entry, index) => {
    const { n, c } = entry ?? {};
    if (!Number.isInteger(n) || (n as number) < 1) {
      throw new RangeError(`${what}: case ${index} has n = ${n}; n must be a positive integer (samples drawn)`);
    }
    if (!Number.isInteger(c) || (c as number) < 0 || (c as number) > (n as number)) {
      throw new RangeError(`${what}: case ${index} has c = ${c}; c must be an integer between 0 and n = ${n}`);
    }
  });
}

/** Checks the K list of an extrapolation: positive integers. Throws a RangeError otherwise. */
export function checkKs(what: string, ks: readonly number[]): void {
  if (!Array.isArray(ks) || ks.length === 0) throw new RangeError(`${what}: ks must list at least one K`);
  for (const k of ks) {
    if (!Number.isSafeInteger(k) || k < 1)
      throw new RangeError(`${what}: every K must be a positive integer, got ${k}`);
  }
}

/** Checks an interval level in (0, 1). Throws a RangeError otherwise. */
export function checkLevel(what: string, level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`${what}: level must be in (0, 1), got ${level}`);
}
