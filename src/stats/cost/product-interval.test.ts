import { describe, expect, it } from 'vitest';
import { productInterval } from './product-interval.js';

describe('product interval', () => {
  it('is the factor itself for one factor, and its reciprocal when dividing', () => {
    const factor = { value: 2, lower: 1.5, upper: 3, level: 0.9 };
    const alone = productInterval([{ ...factor, power: 1 }]);
    expect(alone.value).toBeCloseTo(2, 14);
    expect(alone.lower).toBeCloseTo(1.5, 14);
    expect(alone.upper).toBeCloseTo(3, 14);
    expect(alone.level).toBe(0.9);
    const inverse = productInterval([{ ...factor, power: -1 }]);
    expect(inverse.lower).toBeCloseTo(1 / 3, 14);
    expect(inverse.upper).toBeCloseTo(1 / 1.5, 14);
  });

  it('adds the log distances of the ends in quadrature, side by side', () => {
    const a = { value: 2, lower: 1, upper: 4, level: 0.95 };
    const b = { value: 3, lower: 1.5, upper: 3 * Math.E, level: 0.95 };
    const product = productInterval([
      { ...a, power: 1 },
      { ...b, power: 1 },
    ]);
    expect(product.value).toBeCloseTo(6, 14);
    expect(product.lower).toBeCloseTo(6 * Math.exp(-Math.SQRT2 * Math.LN2), 13);
    expect(product.upper).toBeCloseTo(6 * Math.exp(Math.sqrt(Math.LN2 ** 2 + 1)), 13);
    const ratio = productInterval([
      { ...a, power: 1 },
      { ...b, power: -1 },
    ]);
    expect(ratio.value).toBeCloseTo(2 / 3, 14);
    expect(ratio.lower).toBeCloseTo((2 / 3) * Math.exp(-Math.sqrt(Math.LN2 ** 2 + 1)), 13);
    expect(ratio.upper).toBeCloseTo((2 / 3) * Math.exp(Math.SQRT2 * Math.LN2), 13);
  });

  it('refuses a factor that is not above 0', () => {
    expect(() => productInterval([{ value: 0, lower: 0, upper: 1, level: 0.95, power: 1 }])).toThrow(/above 0, got 0/);
  });
});
