import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passAtK } from './pass-at-k.js';
import { passHatK } from './pass-hat-k.js';
import { ratioToNumber, risingProduct } from './testing/exact-rational.js';
import { readSharedCsv } from './testing/shared-data.js';

const counts = (maxN: number) =>
  fc
    .integer({ min: 1, max: maxN })
    .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), fc.integer({ min: 1, max: n })));

describe(`pass^k on passhatk_vectors.csv`, () => {
  it('reproduces every row within 1e-12', () => {
    const rows = readSharedCsv('passhatk_vectors.csv');
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      const value = passHatK(Number(row.n), Number(row.c), Number(row.k));
      expect(Math.abs(value - Number(row.pass_hat_k_exact)), `n=${row.n} c=${row.c} k=${row.k}`).toBeLessThan(1e-12);
    }
  });
});

describe('pass^k', () => {
  it('refuses k > n and counts out of range', () => {
    expect(() => passHatK(5, 5, 6)).toThrow(/undefined for k > n/);
    expect(() => passHatK(5, -1, 1)).toThrow(RangeError);
  });

  it('is 1 − pass@k(n, n − c, k)', () => {
    fc.assert(
      fc.property(counts(2000), ([n, c, k]) => {
        expect(Math.abs(passHatK(n, c, k) - (1 - passAtK(n, n - c, k)))).toBeLessThan(1e-14);
      }),
    );
  });

  it('is c/n at k = 1, 1 when every sample succeeded, and 0 when c < k', () => {
    fc.assert(
      fc.property(counts(100_000), ([n, c, k]) => {
        expect(passHatK(n, c, 1)).toBeCloseTo(c / n, 15);
        expect(passHatK(n, n, k)).toBe(1);
        if (c < k) expect(passHatK(n, c, k)).toBe(0);
      }),
    );
  });

  it('keeps 1e-12 relative accuracy for tiny values up to n = 10^6', () => {
    const cases: [number, number, number][] = [
      [1_000_000, 999_000, 1_000],
      [1_000_000, 500_000, 40],
      [1_000_000, 1_000, 3],
      [1_000_000, 998_000, 100_000],
    ];
    for (const [n, c, k] of cases) {
      // C(c, k)/C(n, k) = Π_{i=0..k−1} (c − i)/(n − i)
      const exact = ratioToNumber(risingProduct(c - k + 1, c), risingProduct(n - k + 1, n));
      const value = passHatK(n, c, k);
      expect(exact).toBeGreaterThan(0);
      expect(Math.abs(value - exact) / exact, `n=${n} c=${c} k=${k}`).toBeLessThan(1e-12);
    }
  });
});
