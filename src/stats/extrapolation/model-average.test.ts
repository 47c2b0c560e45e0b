import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../seeded-random.js';
import { extrapolate } from './extrapolate.js';

/** p per case: 0 with probability `zeroMass`, else a hard or an easy value, each half the time. */
function twoGroups(cases: number, n: number, zeroMass: number, hard: number, easy: number, seed: number) {
  const random = createSeededRandom(seed);
  return Array.from({ length: cases }, () => {
    const p = random() < zeroMass ? 0 : random() < 0.5 ? hard : easy;
    let c = 0;
    for (let i = 0; i < n; i++) if (random() < p) c++;
    return { n, c, p };
  });
}

const truthAt = (suite: { p: number }[], k: number) =>
  suite.reduce((sum, { p }) => sum - Math.expm1(k * Math.log1p(-p)), 0) / suite.length;

describe('extrapolate averaged over one Beta and two', () => {
  it('holds a hard group beside an easy one in its interval, where one Beta takes the hard cases for unsolvable', () => {
    // Half the cases never solvable; of the rest half at p = 0.0005 (mostly no success in 100 draws: at
    // K = 10,000 most of them succeed) and half at p = 0.1. One Beta cannot put mass near 0.0005 beside 0.1.
    let coveredBoth = 0;
    let coveredOne = 0;
    let twoGroupsEvidence = 0;
    let widening = 0;
    const seeds = [3, 4, 5, 6, 7, 8];
    for (const seed of seeds) {
      const suite = twoGroups(120, 100, 0.4, 5e-4, 0.1, seed);
      const truth = truthAt(suite, 10_000);
      const cases = suite.map(({ n, c }) => ({ n, c }));
      const both = extrapolate(cases, { ks: [10_000], seed, resamples: 20 });
      const one = extrapolate(cases, { ks: [10_000], seed, resamples: 20, mixture: false });
      const [b] = both.passAtK;
      const [o] = one.passAtK;
      if ((b?.lower ?? 1) <= truth && truth <= (b?.upper ?? 0)) coveredBoth++;
      if ((o?.lower ?? 1) <= truth && truth <= (o?.upper ?? 0)) coveredOne++;
      widening += ((b?.upper ?? 0) - (o?.upper ?? 0)) / seeds.length;
      // The estimate is the one-Beta model's either way.
      expect(b?.estimate).toBe(o?.estimate);
      twoGroupsEvidence += (both.method.evidence.twoGroups ?? 0) / seeds.length;
      expect(one.method.evidence.twoGroups).toBeUndefined();
    }
    // Point masses at p = 0.0005 and 0.1 are far from any Beta: one Beta's interval missed the truth in every
    // suite, the average's held it in half of them, its upper end higher by about 0.2 on average.
    expect(coveredOne).toBeLessThanOrEqual(1);
    expect(coveredBoth).toBeGreaterThanOrEqual(3);
    expect(widening).toBeGreaterThan(0.1);
    // The result says what weight the two-Beta model had.
    expect(twoGroupsEvidence).toBeGreaterThan(0);
    expect(twoGroupsEvidence).toBeLessThan(1);
  });

  it('gives the two-Beta model little weight on one Beta with plenty of counts, and predicts as one Beta does', () => {
    // p = 0.05 for every case: 100 cases × 200 draws show one homogeneous group.
    const suite = twoGroups(100, 200, 0, 0.05, 0.05, 9);
    const cases = suite.map(({ n, c }) => ({ n, c }));
    const both = extrapolate(cases, { ks: [1000], seed: 1, resamples: 20 });
    const one = extrapolate(cases, { ks: [1000], seed: 1, resamples: 20, mixture: false });
    expect(both.method.evidence.twoGroups).toBeLessThan(0.5);
    expect(Math.abs((both.passAtK[0]?.estimate ?? 0) - (one.passAtK[0]?.estimate ?? 1))).toBeLessThan(0.01);
  });
});
