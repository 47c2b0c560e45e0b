import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxAtK } from './max-at-k.js';
import { passAtK } from './pass-at-k.js';
import { binomial, ratioToNumber } from './testing/exact-rational.js';
import { readSharedCsv } from './testing/shared-data.js';

/** Σ_{i=k..n} s_(i) C(i−1, k−1)/C(n, k) for ascending scores, with the weights built up as exact ratios. */
function definition(scores: readonly number[], k: number): number {
  const ascending = [...scores].sort((left, right) => left - right);
  const n = ascending.length;
  let weight = k / n; // C(n−1, k−1)/C(n, k)
  let sum = 0;
  for (let i = n; i >= k; i--) {
    sum += (ascending[i - 1] as number) * weight;
    weight *= (i - k) / (i - 1);
  }
  return sum;
}

/** The mean over every k-subset of its maximum, by enumeration. */
function bruteForce(scores: readonly number[], k: number): number {
  let total = 0;
  let count = 0;
  const choose = (start: number, left: number, best: number): void => {
    if (left === 0) {
      total += best;
      count++;
      return;
    }
    for (let index = start; index <= scores.length - left; index++) {
      choose(index + 1, left - 1, Math.max(best, scores[index] as number));
    }
  };
  choose(0, k, Number.NEGATIVE_INFINITY);
  return total / count;
}

const scoresAndK = (maxN: number, values: fc.Arbitrary<number>) =>
  fc
    .array(values, { minLength: 1, maxLength: maxN })
    .chain((scores) => fc.tuple(fc.constant(scores), fc.integer({ min: 1, max: scores.length })));

describe(`max@k on maxk_vectors.csv`, () => {
  it('reproduces every row within 1e-12', () => {
    const rows = readSharedCsv('maxk_vectors.csv');
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      const scores = (row.scores ?? '').split(';').map(Number);
      expect(scores).toHaveLength(Number(row.n));
      const value = maxAtK(scores, Number(row.k));
      expect(Math.abs(value - Number(row.max_at_k_exact)), `${row.example} k=${row.k}`).toBeLessThan(1e-12);
    }
  });
});

describe('max@k', () => {
  it('refuses empty lists, non-finite scores and k outside 1..n', () => {
    expect(() => maxAtK([], 1)).toThrow(/at least one score/);
    expect(() => maxAtK([0.5, Number.NaN], 1)).toThrow(/finite/);
    expect(() => maxAtK([0.5, 1], 3)).toThrow(/undefined for k > n/);
    expect(() => maxAtK([0.5, 1], 0)).toThrow(RangeError);
  });

  it('is pass@k on scores in {0, 1}', () => {
    fc.assert(
      fc.property(scoresAndK(300, fc.constantFrom(0, 1)), ([scores, k]) => {
        const c = scores.filter((score) => score === 1).length;
        expect(Math.abs(maxAtK(scores, k) - passAtK(scores.length, c, k))).toBeLessThan(1e-15);
      }),
    );
  });

  it('is the mean at k = 1, the maximum at k = n, and ignores the order of the scores', () => {
    fc.assert(
      fc.property(scoresAndK(100, fc.double({ min: 0, max: 1, noNaN: true })), ([scores, k]) => {
        const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
        expect(maxAtK(scores, 1)).toBeCloseTo(mean, 14);
        expect(maxAtK(scores, scores.length)).toBe(Math.max(...scores));
        expect(maxAtK([...scores].reverse(), k)).toBeCloseTo(maxAtK(scores, k), 15);
      }),
    );
  });

  it('matches the order-statistic formula, ties included', () => {
    const tiedScores = fc.constantFrom(0, 0.25, 0.5, 0.75, 1);
    fc.assert(
      fc.property(scoresAndK(200, fc.oneof(tiedScores, fc.double({ min: 0, max: 1, noNaN: true }))), ([scores, k]) => {
        expect(Math.abs(maxAtK(scores, k) - definition(scores, k))).toBeLessThan(1e-13);
      }),
    );
  });

  it('matches enumeration of every k-subset on small lists', () => {
    fc.assert(
      fc.property(scoresAndK(9, fc.double({ min: 0, max: 1, noNaN: true })), ([scores, k]) => {
        expect(Math.abs(maxAtK(scores, k) - bruteForce(scores, k))).toBeLessThan(1e-14);
      }),
    );
  });

  it('handles 10^6 scores within 1e-12 of the exact value', () => {
    // 1000 copies of each t/1000: E[max] = Σ_{t=1..999} (1/1000) P(max ≥ t/1000), c_t = 1000(1000 − t).
    const n = 1_000_000;
    const scores = Array.from({ length: n }, (_, index) => (index % 1000) / 1000);
    const pairs = (m: number) => (BigInt(m) * BigInt(m - 1)) / 2n;
    for (const k of [2, 3]) {
      let numerator = 0n;
      for (let t = 1; t < 1000; t++) numerator += k === 2 ? pairs(n) - pairs(t * 1000) : triples(n) - triples(t * 1000);
      const exact = ratioToNumber(numerator, 1000n * (k === 2 ? pairs(n) : triples(n)));
      const value = maxAtK(scores, k);
      expect(Math.abs(value - exact), `k=${k}`).toBeLessThan(1e-12);
    }
  });
});

function triples(m: number): bigint {
  return binomial(m, 3);
}
