import { describe, expect, it } from 'vitest';
import { bootstrapInterval } from './bootstrap-interval.js';
import { passAtK } from './pass-at-k.js';
import { createSeededRandom } from './seeded-random.js';
import { standardError } from './standard-error.js';

const random = createSeededRandom(2024);
const values = Array.from({ length: 200 }, () => (random() < 0.3 ? 1 : 0));

describe('bootstrap interval', () => {
  it('is deterministic given the seed', () => {
    expect(bootstrapInterval(values, { seed: 1 })).toEqual(bootstrapInterval(values, { seed: 1 }));
    expect(bootstrapInterval(values, { seed: 1 }).lower).not.toBe(bootstrapInterval(values, { seed: 2 }).lower);
  });

  it('agrees with the normal interval on a mean over many cases', () => {
    const bootstrap = bootstrapInterval(values, { seed: 3, resamples: 4000 });
    const normal = standardError(values);
    expect(bootstrap.estimate).toBe(normal.estimate);
    expect(bootstrap.resamples).toBe(4000);
    expect(bootstrap.standardError / normal.standardError).toBeGreaterThan(0.9);
    expect(bootstrap.standardError / normal.standardError).toBeLessThan(1.1);
    expect(Math.abs(bootstrap.lower - normal.lower)).toBeLessThan(0.015);
    expect(Math.abs(bootstrap.upper - normal.upper)).toBeLessThan(0.015);
  });

  it('takes any statistic of any items, such as the mean pass@k of cases', () => {
    const cases = Array.from({ length: 40 }, (_, index) => ({ n: 10, c: index % 6 }));
    const meanPassAt3 = (sample: readonly { n: number; c: number }[]) =>
      sample.reduce((sum, { n, c }) => sum + passAtK(n, c, 3), 0) / sample.length;
    const result = bootstrapInterval(cases, { seed: 5, statistic: meanPassAt3, resamples: 500, level: 0.9 });
    expect(result.estimate).toBeCloseTo(meanPassAt3(cases), 15);
    expect(result.lower).toBeLessThan(result.estimate);
    expect(result.upper).toBeGreaterThan(result.estimate);
    expect(result.level).toBe(0.9);
  });

  it('resamples whole groups, widening the interval when groups are correlated', () => {
    const grouped = Array.from({ length: 20 }, (_, group) => Array<number>(10).fill(group % 2)).flat();
    const groups = grouped.map((_, index) => Math.floor(index / 10));
    const plain = bootstrapInterval(grouped, { seed: 9 });
    const clustered = bootstrapInterval(grouped, { seed: 9, groups });
    expect(clustered.standardError).toBeGreaterThan(2 * plain.standardError);
  });

  it('refuses bad arguments and a statistic that is not finite', () => {
    expect(() => bootstrapInterval([1], { seed: 1 })).toThrow(/at least 2 items or groups/);
    expect(() => bootstrapInterval(values, { seed: 1, resamples: 1 })).toThrow(/resamples/);
    expect(() => bootstrapInterval(values, { seed: 1, level: 0 })).toThrow(/level/);
    expect(() => bootstrapInterval(values, { seed: 1, statistic: () => Number.NaN })).toThrow(/must be finite/);
    expect(() => bootstrapInterval([1, 2], { seed: 1, groups: ['a'] })).toThrow(/one group per item/);
  });
});
