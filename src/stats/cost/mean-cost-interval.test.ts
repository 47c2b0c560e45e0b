import { describe, expect, it } from 'vitest';
import { simulatedDraws } from '../testing/simulated-costs.js';
import { meanCostInterval } from './mean-cost-interval.js';

describe('mean cost interval', () => {
  it('is mean · exp(±z · s/(mean · √m))', () => {
    // Mean 2, s² = 2, s/√2 = 1, so the log standard error is 1/2.
    const interval = meanCostInterval([1, 3]);
    const z = 1.959963984540054;
    expect(interval?.value).toBe(2);
    expect(interval?.lower).toBeCloseTo(2 * Math.exp(-z / 2), 12);
    expect(interval?.upper).toBeCloseTo(2 * Math.exp(z / 2), 12);
  });

  it('is [0, 0] for free samples and undefined from one cost', () => {
    expect(meanCostInterval([0, 0, 0])).toEqual({ value: 0, lower: 0, upper: 0, level: 0.95 });
    expect(meanCostInterval([0.2])).toBeUndefined();
    expect(() => meanCostInterval([1, 2], 1.5)).toThrow(/level must be/);
  });

  it('covers the mean of log-normal costs from 30 samples about 95% of the time', () => {
    const draws = simulatedDraws(5);
    const truth = Math.exp(0.5 ** 2 / 2);
    let covered = 0;
    for (let run = 0; run < 2000; run++) {
      const interval = meanCostInterval(Array.from({ length: 30 }, () => draws.logNormal(0, 0.5)));
      if (interval && interval.lower <= truth && truth <= interval.upper) covered++;
    }
    expect(covered / 2000).toBeGreaterThan(0.9);
    expect(covered / 2000).toBeLessThan(0.98);
  });
});
