import { isCountMetric } from '../program/program.js';
import type { ExpectationResult, ProgramSummary } from '../runner/program-summary.js';
import { passAtK } from '../stats/pass-at-k.js';
import { passHatK } from '../stats/pass-hat-k.js';
import { standardError } from '../stats/standard-error.js';

/** An observed metric's interval over cases. */
export interface MetricInterval {
  readonly lower: number;
  readonly upper: number;
  /** The confidence level, such as 0.95. */
  readonly level: number;
}

/**
 * The normal interval over cases of an expectation's observed value, for pass@k and pass^k: the spread of the
 * per-case estimates says how far the suite mean could move with other samples. Undefined for other metrics,
 * fewer than two cases, or a case with fewer than k scored samples.
 */
export function expectationInterval(
  summary: ProgramSummary,
  expectation: ExpectationResult,
  level = 0.95,
): MetricInterval | undefined {
  const { metric } = expectation;
  if (!isCountMetric(metric) || summary.cases.length < 2) return undefined;
  if (summary.cases.some((counts) => counts.n < metric.k)) return undefined;
  const estimator = metric.name === 'pass@k' ? passAtK : passHatK;
  const values = summary.cases.map((counts) => estimator(counts.n, counts.c, metric.k));
  const interval = standardError(values, { level });
  return { lower: Math.max(0, interval.lower), upper: Math.min(1, interval.upper), level };
}
