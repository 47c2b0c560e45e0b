import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passAtK } from './pass-at-k.js';
import { ratioToNumber, risingProduct } from './testing/exact-rational.js';
import { readSharedCsv } from './testing/shared-data.js';

/** 1 − C(n−c, k)/C(n, k) exactly, as 1 − Π_{i=n−c+1..n} (i − k)/i. */
function exactPassAtK(n: number, c: number, k: number): number {
  if (n - c < k) return 1;
  const numerator = risingProduct(n - c + 1 - k, n - k);
  const denominator = risingProduct(n - c + 1, n);
  return ratioToNumber(denominator - numerator, denominator);
}

describe(`pass@k on passk_vectors.csv`, () => {
  const rows = readSharedCsv('passk_vectors.csv');

  it('reproduces every defined row within 1e-12', () => {
    const defined = rows.filter((row) => row.pass_at_k_exact !== 'undefined');
    expect(defined.length).toBeGreaterThan(50);
    for (const row of defined) {
      const value = passAtK(Number(row.n), Number(row.c), Number(row.k));
      expect(Math.abs(value - Number(row.pass_at_k_exact)), `n=${row.n} c=${row.c} k=${row.k}`).toBeLessThan(1e-12);
    }
  });

  it('refuses the k > n rows instead of answering 1', () => {
    const undefinedRows = rows.filter((row) => row.pass_at_k_exact === 'undefined');
    expect(undefinedRows).toHaveLength(2);
    for (const row of undefinedRows) {
      expect(() => passAtK(Number(row.n), Number(row.c), Number(row.k))).toThrow(/k = 10 is larger than the 5/);
    }
  });
});

describe('pass@k', () => {
  it('refuses arguments out of range with a RangeError naming them', () => {
    expect(() => passAtK(5, 2, 10)).toThrow(RangeError);
    expect(() => passAtK(0, 0, 1)).toThrow(/n must be a positive integer/);
    expect(() => passAtK(5, 6, 1)).toThrow(/c must be an integer between 0 and n = 5/);
    expect(() => passAtK(5, 1.5, 1)).toThrow(/c must be/);
    expect(() => passAtK(5, 2, 0)).toThrow(/k must be a positive integer/);
    expect(() => passAtK(Number.NaN, 2, 1)).toThrow(RangeError);
  });

  it('is k/n when one sample succeeded', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, fraction) => {
        const k = Math.max(1, Math.ceil(fraction * n));
        expect(Math.abs(passAtK(n, 1, k) - k / n)).toBeLessThanOrEqual(2e-16 * (k / n) + 1e-300);
      }),
    );
  });

  it('is c/n at k = 1, 0 without successes, and 1 once n − c < k', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }))),
        ([n, c]) => {
          expect(passAtK(n, c, 1)).toBeCloseTo(c / n, 15);
          expect(passAtK(n, 0, Math.max(1, n - c))).toBe(0);
          if (c > 0) expect(passAtK(n, c, n - c + 1)).toBe(1);
        },
      ),
    );
  });

  it('grows with k and with c', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 500 })
          .chain((n) =>
            fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: n - 1 })),
          ),
        ([n, c, k]) => {
          expect(passAtK(n, c, k + 1)).toBeGreaterThanOrEqual(passAtK(n, c, k));
          expect(passAtK(n, c + 1, k)).toBeGreaterThanOrEqual(passAtK(n, c, k));
        },
      ),
    );
  });

  it('is within 1e-12 of the exact value, and within 1e-12 relative when tiny, up to n = 10^6', () => {
    const cases: [number, number, number][] = [
      [1_000_000, 1, 1],
      [1_000_000, 2, 500_000],
      [1_000_000, 3, 1],
      [1_000_000, 7, 999_990],
      [1_000_000, 50, 20_000],
      [1_000_000, 1_000, 1_000],
      [1_000_000, 1_000, 3],
      [1_000_000, 2_000, 250],
      [999_983, 1_234, 777],
      [1_000_000, 1, 999_999],
    ];
    for (const [n, c, k] of cases) {
      const exact = exactPassAtK(n, c, k);
      const value = passAtK(n, c, k);
      expect(Math.abs(value - exact), `n=${n} c=${c} k=${k}`).toBeLessThan(1e-12);
      expect(Math.abs(value - exact) / exact, `relative, n=${n} c=${c} k=${k}`).toBeLessThan(1e-12);
    }
  });

  it('agrees with exact arithmetic on random cases', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 1_000_000 })
          .chain((n) =>
            fc.tuple(fc.constant(n), fc.integer({ min: 0, max: Math.min(n, 300) }), fc.integer({ min: 1, max: n })),
          ),
        ([n, c, k]) => {
          const exact = exactPassAtK(n, c, k);
          const value = passAtK(n, c, k);
          expect(Math.abs(value - exact)).toBeLessThanOrEqual(1e-12 * Math.min(1, exact) + 1e-300);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is exact at n = 10^6 with half the samples successful (its speed is in bench/)', () => {
    const value = passAtK(1_000_000, 500_000, 500_000);
    expect(value).toBe(1);
    expect(passAtK(1_000_000, 500_000, 1)).toBe(0.5);
  });
});
