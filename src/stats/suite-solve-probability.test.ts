import { describe, expect, it } from 'vitest';
import { passAtK } from './pass-at-k.js';
import { suiteSolveProbability } from './suite-solve-probability.js';

describe('suite solve probability', () => {
  it('is the product of the cases’ pass@k', () => {
    const cases = [
      { n: 10, c: 3 },
      { n: 20, c: 1 },
      { n: 5, c: 5 },
    ];
    expect(suiteSolveProbability(cases, 4)).toBeCloseTo(passAtK(10, 3, 4) * passAtK(20, 1, 4) * 1, 15);
    expect(suiteSolveProbability(cases, 5)).toBeCloseTo((1 - 21 / 252) * 0.25, 15);
  });

  it('is 0 when some case never succeeded', () => {
    expect(
      suiteSolveProbability(
        [
          { n: 10, c: 9 },
          { n: 10, c: 0 },
        ],
        3,
      ),
    ).toBe(0);
  });

  it('refuses an empty suite, and k above some case’s n, naming the case', () => {
    expect(() => suiteSolveProbability([], 1)).toThrow(/at least one case/);
    expect(() =>
      suiteSolveProbability(
        [
          { n: 10, c: 1 },
          { n: 3, c: 1 },
        ],
        5,
      ),
    ).toThrow(/case 1: pass@k: k = 5 is larger than the 3 samples drawn/);
  });
});
