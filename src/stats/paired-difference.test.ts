import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairedDifference } from './paired-difference.js';
import { createSeededRandom } from './seeded-random.js';
import { standardError } from './standard-error.js';

describe('paired difference', () => {
  it('computes a worked example by hand', () => {
    // d = a − b = [1,0,1,0,0,1,0,0]: mean 3/8; s² = (3 − 8·(3/8)²)/7 = 15/56; SE = √(15/448) = 0.1829812636778500;
    // z = 2.049390153191920; p = 2Φ(−z) = 0.04042397933690857 (to 16 digits, by arbitrary-precision arithmetic).
    const a = [1, 1, 1, 0, 1, 1, 0, 1];
    const b = [0, 1, 0, 0, 1, 0, 0, 1];
    const result = pairedDifference(a, b);
    expect(result.estimate).toBe(0.375);
    expect(result.standardError).toBeCloseTo(0.18298126367785, 13);
    expect(result.zScore).toBeCloseTo(2.04939015319192, 13);
    expect(result.pValue).toBeCloseTo(0.04042397933690857, 13);
    expect(result.lower).toBeCloseTo(0.375 - 1.959963984540054 * 0.18298126367785, 12);
    expect(result.cases).toBe(8);
  });

  it('is antisymmetric in a and b, with the same p-value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 3,
          maxLength: 40,
        }),
        (pairs) => {
          const a = pairs.map(([x]) => x);
          const b = pairs.map(([, y]) => y);
          const forward = pairedDifference(a, b);
          const backward = pairedDifference(b, a);
          expect(backward.estimate).toBeCloseTo(-forward.estimate, 14);
          expect(backward.pValue).toBeCloseTo(forward.pValue, 12);
          expect(forward.pValue).toBeGreaterThanOrEqual(0);
          expect(forward.pValue).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('is much tighter than two separate intervals when the interpreters share case difficulty', () => {
    const random = createSeededRandom(11);
    const difficulty = Array.from({ length: 300 }, () => random());
    const a = difficulty.map((p) => Math.min(1, p + 0.05 * random()));
    const b = difficulty.map((p) => Math.max(0, p - 0.05 * random()));
    const paired = pairedDifference(a, b);
    const unpaired = Math.hypot(standardError(a).standardError, standardError(b).standardError);
    expect(paired.standardError).toBeLessThan(unpaired / 5);
    expect(paired.correlation).toBeGreaterThan(0.95);
    expect(paired.pValue).toBeLessThan(1e-10);
  });

  it('keeps the standard error at least at what the sampling variances imply, so that agreement by chance is not certainty', () => {
    // Three cases went from 20/20 to 19/20: the differences agree exactly, so their spread is 0.
    const a = [0.95, 0.95, 0.95];
    const b = [1, 1, 1];
    expect(pairedDifference(a, b).pValue).toBe(0);
    // Each 19/20 has a variance of about p(1 − p)/n = 0.002375; each 20/20 is given 0.001 here.
    const variances = [0.003375, 0.003375, 0.003375];
    const floored = pairedDifference(a, b, { samplingVariances: variances });
    const floor = Math.sqrt(3 * 0.003375) / 3; // 0.033541…
    expect(floored.standardError).toBeCloseTo(floor, 14);
    expect(floored.zScore).toBeCloseTo(-0.05 / floor, 12);
    expect(floored.pValue).toBeCloseTo(0.1360371, 6); // 2Φ(−1.490712)
    expect(floored.lower).toBeCloseTo(-0.05 - 1.959963984540054 * floor, 12);
    // A spread larger than the floor is kept as it is.
    const spread = pairedDifference([1, 0, 1, 0], [0, 0, 0, 1]);
    expect(pairedDifference([1, 0, 1, 0], [0, 0, 0, 1], { samplingVariances: [0, 0, 0, 0] })).toEqual(spread);
    expect(() => pairedDifference(a, b, { samplingVariances: [0.1] })).toThrow(/one finite variance/);
    expect(() => pairedDifference(a, b, { samplingVariances: [0.1, -1, 0] })).toThrow(RangeError);
  });

  it('gives p = 1 for identical results and p = 0 for a constant non-zero difference', () => {
    const result = pairedDifference([0.2, 0.5, 0.9], [0.2, 0.5, 0.9]);
    expect(result.pValue).toBe(1);
    expect(result.standardError).toBe(0);
    expect(pairedDifference([1, 1, 1], [0, 0, 0]).pValue).toBe(0);
    expect(pairedDifference([1, 1, 1], [0, 0, 0]).correlation).toBeNull();
  });

  it('clusters the standard error when given groups', () => {
    const a = [1, 1, 0, 0, 1, 0];
    const b = [0, 0, 0, 0, 0, 0];
    const result = pairedDifference(a, b, { groups: ['x', 'x', 'y', 'y', 'z', 'z'] });
    expect(result.standardError).toBeCloseTo(Math.sqrt(1 / 12), 15);
  });

  it('refuses lists of different lengths', () => {
    expect(() => pairedDifference([1, 0, 1], [1, 0])).toThrow(/one value per case for the same cases, got 3 and 2/);
  });
});
