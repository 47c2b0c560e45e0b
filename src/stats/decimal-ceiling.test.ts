import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ceilDecimalTimes } from './decimal-ceiling.js';

describe('exact ⌈x·k⌉ for decimal x', () => {
  it('reads x as the decimal it prints as', () => {
    expect(Math.ceil(0.28 * 25)).toBe(8);
    expect(ceilDecimalTimes(0.28, 25)).toBe(7);
    expect(ceilDecimalTimes(0.1, 30)).toBe(3);
    expect(ceilDecimalTimes(0.7, 10)).toBe(7);
    expect(ceilDecimalTimes(0.29, 100)).toBe(29);
    expect(ceilDecimalTimes(0.281, 25)).toBe(8);
    expect(ceilDecimalTimes(0, 25)).toBe(0);
    expect(ceilDecimalTimes(1, 25)).toBe(25);
    expect(ceilDecimalTimes(1e-7, 25)).toBe(1);
    expect(ceilDecimalTimes(5e-324, 1_000_000)).toBe(1);
  });

  it('equals ⌈i·k/10^d⌉ computed over the integers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 1_000_000 }), (i, k) => {
        const exact = Math.floor((i * k + 9_999) / 10_000);
        expect(ceilDecimalTimes(Number((i / 10_000).toFixed(4)), k)).toBe(exact);
      }),
    );
  });

  it('refuses negative and non-finite numbers', () => {
    expect(() => ceilDecimalTimes(-0.5, 3)).toThrow(RangeError);
    expect(() => ceilDecimalTimes(Number.POSITIVE_INFINITY, 3)).toThrow(RangeError);
  });
});
