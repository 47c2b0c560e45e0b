import { intervalStandardError } from '../interval-standard-error.js';
import { metricLevel } from '../metric-level.js';
import type { MetricValue } from '../metric-value.js';
import { checkLevel, normalInterval } from '../normal-interval.js';
import { mean, sampleVariance } from '../sample-moments.js';
import { quantileRanks } from './quantile-ranks.js';

/** The latency of a run's samples: its mean and percentiles, each with an interval, in the unit given. */
export interface LatencyPercentiles {
  /** The latencies they rest on. */
  readonly samples: number;
  /** The mean, with a normal interval (lower end at least 0); no interval from one latency. */
  readonly mean: MetricValue;
  /** The median. */
  readonly p50: MetricValue;
  /** The 95th percentile. */
  readonly p95: MetricValue;
  /** The 99th percentile. */
  readonly p99: MetricValue;
}

/**
 * The q-quantile of latencies (Hyndman and Fan's type 7, linear between order statistics) with the
 * distribution-free interval between two order statistics (`quantileRanks`). Undefined when there are too few
 * latencies for that interval, since a tail percentile from a handful of samples is mostly a guess.
 * The interval takes the latencies as independent draws; the samples of a run's cases are a fixed mix of its
 * cases, which only makes it wider than need be.
 */
export function latencyPercentile(latencies: readonly number[], q: number, level = metricLevel): MetricValue {
  checkLevel(level);
  checkLatencies(latencies);
  return percentileOfSorted(ascending(latencies), q, level);
}

/** The mean and the 50th, 95th and 99th percentiles of latencies (seconds or milliseconds, as given). */
export function latencyPercentiles(latencies: readonly number[], level = metricLevel): LatencyPercentiles {
  checkLevel(level);
  checkLatencies(latencies);
  const sorted = ascending(latencies);
  return {
    samples: latencies.length,
    mean: meanLatency(latencies, level),
    p50: percentileOfSorted(sorted, 0.5, level),
    p95: percentileOfSorted(sorted, 0.95, level),
    p99: percentileOfSorted(sorted, 0.99, level),
  };
}

/** The q-quantile of ascending latencies with its order-statistic interval, or why it has none. */
function percentileOfSorted(sorted: readonly number[], q: number, level: number): MetricValue {
  const ranks = quantileRanks(sorted.length, q, level);
  if (!ranks) {
    let needed = sorted.length + 1;
    while (!quantileRanks(needed, q, level)) needed++;
    return {
      defined: false,
      reason: `the ${Math.round(q * 100)}th percentile needs at least ${needed} latencies for a ${Math.round(level * 100)}% interval, got ${sorted.length}`,
    };
  }
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const low = sorted[below] as number;
  const value = low + (position - below) * ((sorted[Math.min(below + 1, sorted.length - 1)] as number) - low);
  const lower = Math.min(value, sorted[ranks.lower - 1] as number);
  const upper = Math.max(value, sorted[ranks.upper - 1] as number);
  return {
    defined: true,
    value,
    interval: { lower, upper, level, standardError: intervalStandardError(lower, upper, level), method: 'cases' },
  };
}

const ascending = (latencies: readonly number[]) => [...latencies].sort((left, right) => left - right);

function meanLatency(latencies: readonly number[], level: number): MetricValue {
  if (latencies.length === 0) return { defined: false, reason: 'no latencies' };
  const value = mean(latencies);
  if (latencies.length === 1) return { defined: true, value };
  const interval = normalInterval(value, Math.sqrt(sampleVariance(latencies) / latencies.length), level);
  return {
    defined: true,
    value,
    interval: {
      lower: Math.max(0, interval.lower),
      upper: interval.upper,
      level,
      standardError: interval.standardError,
      method: 'cases',
    },
  };
}

/** Refuses a latency that is not a finite number ≥ 0, naming its place. */
function checkLatencies(latencies: readonly number[]): void {
  latencies.forEach((latency, index) => {
    if (!(Number.isFinite(latency) && latency >= 0)) {
      throw new RangeError(`latency percentiles: latency ${index} must be a finite number ≥ 0, got ${latency}`);
    }
  });
}
