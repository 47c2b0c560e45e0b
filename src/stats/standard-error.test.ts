import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { standardError } from './standard-error.js';

describe('standard error (CLT)', () => {
  it('gives the mean, √(s²/m) and the 95% normal interval on a worked example', () => {
    // mean 0.6; s² = (3·0.16 + 2·0.36)/4 = 0.3; SE = √(0.3/5) = √0.06; z = 1.959964
    const result = standardError([1, 0, 1, 1, 0]);
    expect(result.estimate).toBeCloseTo(0.6, 15);
    expect(result.standardError).toBeCloseTo(Math.sqrt(0.06), 15);
    expect(result.lower).toBeCloseTo(0.6 - 1.959963984540054 * Math.sqrt(0.06), 12);
    expect(result.upper).toBeCloseTo(0.6 + 1.959963984540054 * Math.sqrt(0.06), 12);
    expect(result.level).toBe(0.95);
  });

  it('narrows as the level falls and is symmetric about the mean', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 50 }), (values) => {
        const wide = standardError(values, { level: 0.99 });
        const narrow = standardError(values, { level: 0.8 });
        expect(narrow.upper - narrow.lower).toBeLessThanOrEqual(wide.upper - wide.lower);
        expect(wide.upper - wide.estimate).toBeCloseTo(wide.estimate - wide.lower, 12);
      }),
    );
  });

  it('refuses fewer than two values, non-finite values and levels outside (0, 1)', () => {
    expect(() => standardError([1])).toThrow(/at least 2 values, got 1/);
    expect(() => standardError([1, Number.NaN])).toThrow(/value 1 is not a finite number/);
    expect(() => standardError([1, 0], { level: 1 })).toThrow(/level must be a number strictly between 0 and 1/);
  });
});
