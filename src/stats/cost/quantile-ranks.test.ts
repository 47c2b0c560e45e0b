import { describe, expect, it } from 'vitest';
import { binomialUpperTail } from '../binomial-upper-tail.js';
import { binomial, ratioToNumber } from '../testing/exact-rational.js';
import { type QuantileRanks, quantileRanks } from './quantile-ranks.js';

/** P(Binomial(n, q) ≤ j) by summing the masses directly, for the check. */
function cumulative(n: number, q: number, j: number): number {
  let sum = 0;
  for (let i = 0; i <= j; i++) sum += Number(binomial(n, i)) * q ** i * (1 - q) ** (n - i);
  return sum;
}

describe('quantile ranks', () => {
  it('gives the ranks 40 and 61 of the textbook interval for the median of 100 draws', () => {
    const ranks = quantileRanks(100, 0.5);
    expect(ranks).toMatchObject({ lower: 40, upper: 61 });
    // Exact coverage: 1 − 2 · P(B ≤ 39) for B ~ Binomial(100, 1/2).
    let below = 0n;
    for (let j = 0; j <= 39; j++) below += binomial(100, j);
    expect(ranks?.coverage).toBeCloseTo(1 - 2 * ratioToNumber(below, 2n ** 100n), 13);
  });

  it('needs 6 draws for the median, 72 for the 95th and 368 for the 99th percentile at 95%', () => {
    for (const [q, needed] of [
      [0.5, 6],
      [0.95, 72],
      [0.99, 368],
    ] as const) {
      expect(quantileRanks(needed - 1, q), `q=${q}`).toBeUndefined();
      expect(quantileRanks(needed, q), `q=${q}`).toMatchObject({ upper: needed });
    }
    expect(quantileRanks(0, 0.5)).toBeUndefined();
  });

  it('keeps each tail at most (1 − level)/2 and is the narrowest such interval, for n up to 60', () => {
    for (const q of [0.25, 0.5, 0.9, 0.95]) {
      for (let n = 1; n <= 60; n++) {
        const ranks = quantileRanks(n, q, 0.9);
        if (!ranks) continue;
        const { lower, upper } = ranks;
        expect(cumulative(n, q, lower - 1)).toBeLessThanOrEqual(0.05 + 1e-12);
        if (lower < n) expect(cumulative(n, q, lower)).toBeGreaterThan(0.05 - 1e-12);
        expect(1 - cumulative(n, q, upper - 1)).toBeLessThanOrEqual(0.05 + 1e-12);
        expect(1 - cumulative(n, q, upper - 2)).toBeGreaterThan(0.05 - 1e-12);
        expect(ranks.coverage).toBeGreaterThanOrEqual(0.9 - 1e-12);
      }
    }
  });

  it('finds the same ranks in one pass over the masses near n·q for large n', () => {
    for (const n of [1001, 5000, 100_000]) {
      for (const q of [0.5, 0.95, 0.99]) {
        const ranks = quantileRanks(n, q) as QuantileRanks;
        const tail = 0.025;
        const atLeast = (rank: number) => binomialUpperTail(n, q, rank);
        // P(B < lower) ≤ tail < P(B < lower + 1), and P(B ≥ upper) ≤ tail < P(B ≥ upper − 1).
        expect(1 - atLeast(ranks.lower), `${n} ${q}`).toBeLessThanOrEqual(tail + 1e-12);
        expect(1 - atLeast(ranks.lower + 1), `${n} ${q}`).toBeGreaterThan(tail);
        expect(atLeast(ranks.upper), `${n} ${q}`).toBeLessThanOrEqual(tail + 1e-12);
        expect(atLeast(ranks.upper - 1), `${n} ${q}`).toBeGreaterThan(tail);
        expect(ranks.coverage).toBeCloseTo(atLeast(ranks.lower) - atLeast(ranks.upper), 10);
      }
    }
  });

  it('refuses a quantile outside (0, 1) and a bad count', () => {
    expect(() => quantileRanks(10, 1)).toThrow(/q must be strictly between 0 and 1/);
    expect(() => quantileRanks(2.5, 0.5)).toThrow(/n must be a non-negative integer/);
  });
});
