import { ceilDecimalTimes } from '../decimal-ceiling.js';
import type { MetricReference } from '../metric-reference.js';

/** One scored sample as a block sees it: its score in [0, 1] and whether it counts as a success. */
export interface BlockSample {
  readonly score: number;
  readonly success: boolean;
}

/** A metric a sequential test can decide: a mean over cases of a value of k fresh samples. */
export type SequentialMetric = Extract<
  MetricReference,
  { name: 'pass@k' | 'pass^k' | 'max@k' | 'g-pass@k' | 'mean-score' }
>;

/** Whether a metric is the expectation of a function of k fresh samples of each case, which a round can draw. */
export function isSequentialMetric(metric: MetricReference): metric is SequentialMetric {
  switch (metric.name) {
    case 'pass@k':
    case 'pass^k':
    case 'max@k':
    case 'g-pass@k':
    case 'mean-score':
      return true;
    case 'attempts':
    case 'pass@inf':
    case 'error-rate':
    case 'tokens-per-sample':
    case 'cost':
    case 'latency':
    case 'suite-k':
      return false;
    default:
      return metric satisfies never;
  }
}

/** The fresh samples of one case whose value has the metric as its expectation: k, or 1 for the mean score. */
export function metricBlockSize(metric: SequentialMetric): number {
  return metric.name === 'mean-score' ? 1 : metric.k;
}

/** The value of exactly `metricBlockSize(metric)` samples, whose expectation is the case's metric. */
function unitValue(metric: SequentialMetric, samples: readonly BlockSample[]): number {
  switch (metric.name) {
    case 'pass@k':
      return samples.some((sample) => sample.success) ? 1 : 0;
    case 'pass^k':
      return samples.every((sample) => sample.success) ? 1 : 0;
    case 'max@k':
      return Math.max(...samples.map((sample) => sample.score));
    case 'g-pass@k': {
      const needed = Math.max(ceilDecimalTimes(metric.tau, metric.k), 1);
      return samples.filter((sample) => sample.success).length >= needed ? 1 : 0;
    }
    case 'mean-score':
      return samples[0]?.score ?? 0;
    default:
      return metric satisfies never;
  }
}

/**
 * One case's value in one round: the block of fresh samples cut into runs of the metric's k (samples past the last
 * whole run are left out), each valued as the metric values k samples (any success for pass@k, all for pass^k, the
 * best score for max@k, at least ⌈τk⌉ successes for G-Pass@k, the score for the mean score), and averaged. Its
 * expectation is the case's metric, and it lies in [0, 1]. Throws a RangeError for a block shorter than k.
 */
export function blockValue(metric: SequentialMetric, block: readonly BlockSample[]): number {
  const size = metricBlockSize(metric);
  const runs = Math.floor(block.length / size);
  if (runs === 0) throw new RangeError(`a block of ${metric.name} needs at least ${size} samples, got ${block.length}`);
  let total = 0;
  for (let run = 0; run < runs; run++) total += unitValue(metric, block.slice(run * size, (run + 1) * size));
  return total / runs;
}
