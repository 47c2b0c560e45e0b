import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { describe, expect, it } from 'vitest';
import { simulatedDraws } from '../testing/simulated-costs.js';
import { latencyPercentile, latencyPercentiles } from './latency-percentiles.js';

describe('latency percentiles', () => {
  it('gives the median of 1..11 with the order-statistic interval [2, 10], and says why the tails have none', () => {
    const latencies = [7, 3, 11, 1, 9, 5, 2, 10, 4, 8, 6];
    const result = latencyPercentiles(latencies);
    expect(result.samples).toBe(11);
    expect(result.p50).toMatchObject({ defined: true, value: 6, interval: { lower: 2, upper: 10, level: 0.95 } });
    expect(result.p95).toEqual({
      defined: false,
      reason: 'the 95th percentile needs at least 72 latencies for a 95% interval, got 11',
    });
    expect(result.p99).toEqual({
      defined: false,
      reason: 'the 99th percentile needs at least 368 latencies for a 95% interval, got 11',
    });
    // Mean 6, s² = 11, standard error √(11/11) = 1.
    expect(result.mean).toMatchObject({ defined: true, value: 6, interval: { standardError: 1 } });
  });

  it('interpolates between order statistics (type 7)', () => {
    const latencies = Array.from({ length: 100 }, (_, index) => index + 1);
    const p95 = latencyPercentile(latencies, 0.95);
    // Position 0.95 · 99 = 94.05 from 0: 95 + 0.05.
    expect(p95.defined && p95.value).toBeCloseTo(95.05, 12);
  });

  it('has no mean without latencies and no interval of the mean from one, and refuses bad latencies', () => {
    expect(latencyPercentiles([]).mean).toEqual({ defined: false, reason: 'no latencies' });
    expect(latencyPercentiles([1.5]).mean).toEqual({ defined: true, value: 1.5 });
    expect(() => latencyPercentiles([1, -2])).toThrow(/latency 1 must be a finite number ≥ 0, got -2/);
  });

  it('covers the true 99th and 50th percentiles of log-normal latencies at least 93% of the time', () => {
    const draws = simulatedDraws(11);
    const runs = 400;
    const p99 = Math.exp(0.3 + 0.8 * normalQuantile(0.99, 0, 1));
    const p50 = Math.exp(0.3);
    let covered99 = 0;
    let covered50 = 0;
    for (let run = 0; run < runs; run++) {
      const latencies = Array.from({ length: 400 }, () => draws.logNormal(0.3, 0.8));
      const result = latencyPercentiles(latencies);
      if (result.p99.defined && result.p99.interval) {
        if (result.p99.interval.lower <= p99 && p99 <= result.p99.interval.upper) covered99++;
      }
      if (result.p50.defined && result.p50.interval) {
        if (result.p50.interval.lower <= p50 && p50 <= result.p50.interval.upper) covered50++;
      }
    }
    // Measured: 0.965 for the 99th percentile, 0.975 for the median.
    expect(covered99 / runs).toBeGreaterThanOrEqual(0.93);
    expect(covered50 / runs).toBeGreaterThanOrEqual(0.93);
  });
});
