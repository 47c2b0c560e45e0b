import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cappedAttempts } from './capped-attempts.js';
import { binomial, ratioToNumber } from './testing/exact-rational.js';
import { readSharedCsv } from './testing/shared-data.js';

/** Σ_{j=0..B−1} C(n−c, j)/C(n, j) exactly. */
function exactCappedAttempts(n: number, c: number, B: number): number {
  // Over the common denominator C(n, B−1)·…: sum the ratios as exact fractions with denominator Π C(n, j).
  let numerator = 0n;
  let denominator = 1n;
  for (let j = 0; j < B; j++) {
    const top = binomial(n - c, j);
    const bottom = binomial(n, j);
    numerator = numerator * bottom + top * denominator;
    denominator *= bottom;
  }
  return ratioToNumber(numerator, denominator);
}

const countsAndBudget = (maxN: number) =>
  fc
    .integer({ min: 1, max: maxN })
    .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), fc.integer({ min: 1, max: n + 1 })));

describe(`capped attempts on expected_attempts_vectors.csv`, () => {
  it('reproduces every row within 1e-12', () => {
    const rows = readSharedCsv('expected_attempts_vectors.csv');
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      const value = cappedAttempts(Number(row.n), Number(row.c), Number(row.B));
      const exact = Number(row.expected_attempts_capped_exact);
      expect(Math.abs(value - exact), `n=${row.n} c=${row.c} B=${row.B}`).toBeLessThan(1e-12);
    }
  });
});

describe('capped attempts', () => {
  it('refuses budgets beyond n + 1 and counts out of range', () => {
    expect(() => cappedAttempts(5, 2, 7)).toThrow(/between 1 and n \+ 1 = 6/);
    expect(() => cappedAttempts(5, 2, 0)).toThrow(RangeError);
    expect(() => cappedAttempts(5, 6, 3)).toThrow(/c must be/);
  });

  it('is B without successes, (n + 1)/(c + 1) at B = n + 1, and 1 at B = 1', () => {
    fc.assert(
      fc.property(countsAndBudget(100_000), ([n, c, B]) => {
        expect(cappedAttempts(n, 0, B)).toBeCloseTo(B, 9);
        expect(cappedAttempts(n, c, n + 1) / ((n + 1) / (c + 1))).toBeCloseTo(1, 14);
        expect(cappedAttempts(n, c, 1)).toBe(1);
      }),
    );
  });

  it('matches the defining sum exactly on random cases', () => {
    fc.assert(
      fc.property(countsAndBudget(60), ([n, c, B]) => {
        const exact = exactCappedAttempts(n, c, B);
        expect(Math.abs(cappedAttempts(n, c, B) - exact)).toBeLessThanOrEqual(1e-14 * exact);
      }),
    );
  });

  it('keeps its relative accuracy at n = 10^6', () => {
    // Σ_{j<B} (n − j)/n for c = 1: B − B(B − 1)/(2n).
    const n = 1_000_000;
    for (const B of [2, 1000, 500_000, 1_000_001]) {
      const exact = B - (B * (B - 1)) / (2 * n);
      expect(Math.abs(cappedAttempts(n, 1, B) - exact) / exact, `B=${B}`).toBeLessThan(1e-14);
    }
  });
});
