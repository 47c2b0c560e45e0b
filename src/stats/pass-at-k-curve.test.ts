import { describe, expect, it } from 'vitest';
import { passAtK } from './pass-at-k.js';
import { passAtKCurve } from './pass-at-k-curve.js';

describe('passAtKCurve', () => {
  it('gives the mean over cases of pass@k at k = 1, 2, 4, … up to the fewest samples of a case', () => {
    const cases = [
      { n: 5, c: 2 },
      { n: 8, c: 8 },
      { n: 9, c: 0 },
    ];
    const curve = passAtKCurve(cases);
    expect(curve.map((point) => point.k)).toEqual([1, 2, 4]);
    expect(curve[2]?.value).toBeCloseTo((passAtK(5, 2, 4) + 1 + 0) / 3, 15);
    expect(curve[0]?.value).toBeCloseTo((0.4 + 1 + 0) / 3, 15);
  });

  it('is empty without cases, or when a case has no scored sample', () => {
    expect(passAtKCurve([])).toEqual([]);
    expect(passAtKCurve([{ n: 0, c: 0 }])).toEqual([]);
  });
});
