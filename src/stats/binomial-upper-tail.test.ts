import { describe, expect, it } from 'vitest';
import { binomialUpperTail } from './binomial-upper-tail.js';

/** P(Binomial(k, a/b) ≥ m) in exact rational arithmetic, rounded once at the end. */
function exactTail(k: number, a: number, b: number, m: number): number {
  let numerator = 0n;
  let choose = 1n;
  for (let j = 0; j <= k; j++) {
    if (j > 0) choose = (choose * BigInt(k - j + 1)) / BigInt(j);
    if (j >= m) numerator += choose * BigInt(a) ** BigInt(j) * BigInt(b - a) ** BigInt(k - j);
  }
  const denominator = BigInt(b) ** BigInt(k);
  // Scale before dividing so that the quotient keeps 30 significant digits, however small the tail.
  const shift = Math.max(0, denominator.toString().length - numerator.toString().length + 30);
  return Number(`${(numerator * 10n ** BigInt(shift)) / denominator}e-${shift}`);
}

describe('binomialUpperTail', () => {
  it('agrees with exact rational sums to about 1e-13 relative, tails far below 1 included', () => {
    let worst = 0;
    for (const k of [1, 2, 5, 10, 25, 60, 150]) {
      for (const [a, b] of [
        [1, 1000],
        [1, 20],
        [1, 3],
        [1, 2],
        [7, 10],
        [999, 1000],
      ] as const) {
        for (let m = 0; m <= k; m++) {
          const exact = exactTail(k, a, b, m);
          if (exact < 1e-280) continue;
          worst = Math.max(worst, Math.abs(binomialUpperTail(k, a / b, m) - exact) / exact);
        }
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('keeps that accuracy for k in the thousands, where it sums only the masses that count', () => {
    let worst = 0;
    const k = 2000;
    for (const [a, b] of [
      [1, 20],
      [1, 2],
      [99, 100],
    ] as const) {
      for (const m of [1, 50, 90, 100, 110, 200, 900, 1000, 1050, 1100, 1950, 1980, 2000]) {
        const exact = exactTail(k, a, b, m);
        if (exact < 1e-280) continue;
        worst = Math.max(worst, Math.abs(binomialUpperTail(k, a / b, m) - exact) / exact);
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('is 1 for m ≤ 0 and at p = 1, and 0 beyond k and at p = 0', () => {
    expect(binomialUpperTail(10, 0.3, 0)).toBe(1);
    expect(binomialUpperTail(10, 1, 10)).toBe(1);
    expect(binomialUpperTail(10, 0.3, 11)).toBe(0);
    expect(binomialUpperTail(10, 0, 1)).toBe(0);
  });

  it('gives pass@k at m = 1 and pass^k at m = k', () => {
    expect(binomialUpperTail(8, 0.2, 1)).toBeCloseTo(1 - 0.8 ** 8, 14);
    expect(binomialUpperTail(8, 0.2, 8)).toBeCloseTo(0.2 ** 8, 18);
  });
});
