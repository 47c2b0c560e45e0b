import { binomialUpperTail } from './binomial-upper-tail.js';
import { bootstrapInterval } from './bootstrap-interval.js';
import { cappedAttempts } from './capped-attempts.js';
import type { CaseOutcomes } from './case-outcomes.js';
import { ceilDecimalTimes } from './decimal-ceiling.js';
import { extrapolate } from './extrapolation/extrapolate.js';
import { gPassAtK } from './g-pass-at-k.js';
import type { Interval } from './interval.js';
import { intervalStandardError } from './interval-standard-error.js';
import { maxAtK } from './max-at-k.js';
import { metricLevel } from './metric-level.js';
import { isSpendMetric, type MetricReference } from './metric-reference.js';
import { normalInterval } from './normal-interval.js';
import { passAtK } from './pass-at-k.js';
import { passHatK } from './pass-hat-k.js';
import { proportionInterval } from './proportion-interval.js';
import { mean, sampleVariance } from './sample-moments.js';
import { spendMetricValue } from './spend-metric-value.js';
import { suiteKValue } from './suite-k/suite-k-value.js';

/** A metric of one case: its unbiased estimate and an interval at the level asked for, or why it has none. */
export type CaseMetricValue =
  | (Interval & { readonly defined: true; readonly value: number })
  | { readonly defined: false; readonly reason: string };

/** The values a metric can take: attempts lie in [1, budget], spending in [0, ∞), every other metric in [0, 1]. */
export function metricRange(metric: MetricReference): { readonly lowest: number; readonly highest: number } {
  if (metric.name === 'attempts') return { lowest: 1, highest: metric.budget };
  if (metric.name === 'suite-k') return { lowest: 1, highest: Number.POSITIVE_INFINITY };
  return isSpendMetric(metric) ? { lowest: 0, highest: Number.POSITIVE_INFINITY } : { lowest: 0, highest: 1 };
}

/**
 * For a count metric, the metric as a function of the case's success probability p: its estimate's expectation.
 * Each is monotone in p, so an interval for p maps to an interval for the metric.
 */
function ofProbability(metric: MetricReference): ((p: number) => number) | undefined {
  switch (metric.name) {
    case 'pass@k':
      return (p) => 1 - (1 - p) ** metric.k;
    case 'pass^k':
      return (p) => p ** metric.k;
    case 'g-pass@k': {
      const m = Math.max(ceilDecimalTimes(metric.tau, metric.k), 1);
      return (p) => binomialUpperTail(metric.k, p, m);
    }
    case 'attempts':
      return (p) => (p === 0 ? metric.budget : (1 - (1 - p) ** metric.budget) / p);
    default:
      return undefined;
  }
}

/** The point estimate of a metric on one case; undefined when the case has too few samples for it. */
export function caseEstimate(
  metric: MetricReference,
  outcomes: CaseOutcomes,
): { readonly value: number } | { readonly reason: string } {
  const { n, c } = outcomes;
  const failed = outcomes.errors > 0 ? ` (${outcomes.errors} of its ${outcomes.drawn} samples failed)` : '';
  const reasonOf = (needed: number, what: string) =>
    n < needed
      ? { reason: `case "${outcomes.caseId}" has ${n} scored samples${failed}, fewer than ${what}` }
      : undefined;
  switch (metric.name) {
    case 'pass@k':
      return reasonOf(metric.k, `k = ${metric.k}`) ?? { value: passAtK(n, c, metric.k) };
    case 'pass^k':
      return reasonOf(metric.k, `k = ${metric.k}`) ?? { value: passHatK(n, c, metric.k) };
    case 'g-pass@k':
      return reasonOf(metric.k, `k = ${metric.k}`) ?? { value: gPassAtK(n, c, metric.k, metric.tau) };
    case 'max@k':
      return (
        reasonOf(metric.k, `k = ${metric.k}`) ??
        (outcomes.scores.length < metric.k
          ? {
              reason: `case "${outcomes.caseId}" keeps ${outcomes.scores.length} of its scores, fewer than k = ${metric.k}`,
            }
          : { value: maxAtK(outcomes.scores, metric.k) })
      );
    case 'mean-score':
      return reasonOf(1, 'one') ?? { value: outcomes.scoreMean ?? mean(outcomes.scores) };
    case 'attempts':
      return (
        reasonOf(Math.max(1, metric.budget - 1), `the budget ${metric.budget} less one`) ?? {
          value: cappedAttempts(n, c, metric.budget),
        }
      );
    case 'pass@inf':
      return reasonOf(1, 'one') ?? { value: c > 0 ? 1 : 0 };
    case 'suite-k': {
      const value = suiteKValue(metric.quantile, [outcomes], metricLevel);
      return value.defined ? { value: value.value } : { reason: value.reason };
    }
    case 'error-rate':
      return outcomes.drawn === 0
        ? { reason: `case "${outcomes.caseId}" has no samples` }
        : { value: outcomes.errors / outcomes.drawn };
    case 'tokens-per-sample':
    case 'cost':
    case 'latency': {
      const spent = spendMetricValue(metric, [outcomes], metricLevel);
      return spent.defined ? { value: spent.value } : { reason: spent.reason };
    }
    default:
      return metric satisfies never;
  }
}

/**
 * A metric on one case with its interval at `level`. Count metrics map the Wilson interval of the case's success
 * probability through the metric's expectation as a function of it (monotone, so the ends map to ends); the error
 * rate is a Wilson interval of its own; the mean score has a normal interval over its scores; max@k a bootstrap
 * over its scores; pass@∞ the interval of the extrapolation fitted to the case alone.
 */
export function caseMetric(metric: MetricReference, outcomes: CaseOutcomes, level = 0.95): CaseMetricValue {
  if (isSpendMetric(metric)) {
    // Dollars, tokens and seconds have their own estimates and intervals, from zero up.
    const spent = spendMetricValue(metric, [outcomes], level);
    if (!spent.defined) return spent;
    const { value } = spent;
    const lower = spent.interval ? Math.min(spent.interval.lower, value) : 0;
    const upper = spent.interval ? Math.max(spent.interval.upper, value) : Number.POSITIVE_INFINITY;
    return { defined: true, value, lower: Math.max(0, lower), upper, level };
  }
  const estimate = caseEstimate(metric, outcomes);
  if ('reason' in estimate) return { defined: false, reason: estimate.reason };
  const { value } = estimate;
  const { lowest, highest } = metricRange(metric);
  const within = (lower: number, upper: number): CaseMetricValue => ({
    defined: true,
    value,
    lower: Math.max(lowest, Math.min(lower, value)),
    upper: Math.min(highest, Math.max(upper, value)),
    level,
  });
  const mapping = ofProbability(metric);
  if (mapping) {
    const p = proportionInterval(outcomes.c, outcomes.n, level);
    const ends = [mapping(p.lower), mapping(p.upper)];
    return within(Math.min(...ends), Math.max(...ends));
  }
  switch (metric.name) {
    case 'error-rate': {
      const p = proportionInterval(outcomes.errors, outcomes.drawn, level);
      return within(p.lower, p.upper);
    }
    case 'mean-score': {
      if (outcomes.n < 2) return within(lowest, highest);
      const variance = sampleVariance(outcomes.scores);
      // Scores all 0 or 1 are successes and failures: their mean is a proportion, with the Wilson interval pass@1
      // has on the same samples. Scores that all agree elsewhere have no spread, which would make the interval a
      // point: the Wilson interval at their mean stands in (scores in [0, 1] with mean μ vary by at most μ(1 − μ)).
      if (variance === 0 || outcomes.scores.every((score) => score === 0 || score === 1)) {
        const p = proportionInterval(value * outcomes.n, outcomes.n, level);
        return within(p.lower, p.upper);
      }
      const interval = normalInterval(value, Math.sqrt(variance / outcomes.n), level);
      return within(interval.lower, interval.upper);
    }
    case 'max@k': {
      if (outcomes.n < 2) return within(lowest, highest);
      const k = metric.k;
      const interval = bootstrapInterval(outcomes.scores, {
        seed: 0,
        resamples: 400,
        level,
        statistic: (sample) => maxAtK(sample, k),
      });
      return within(interval.lower, interval.upper);
    }
    case 'suite-k': {
      const single = suiteKValue(metric.quantile, [outcomes], level);
      if (!single.defined) return single;
      const ends = single.interval ?? { lower: lowest, upper: highest };
      return { defined: true, value, lower: ends.lower, upper: ends.upper, level };
    }
    case 'pass@inf': {
      // One case's pass@∞ is the chance that it can be solved at all: the model's, not the 0 or 1 seen so far.
      const {
        estimate: fitted,
        lower,
        upper,
      } = extrapolate([{ n: outcomes.n, c: outcomes.c }], {
        ks: [1],
        level,
        seed: 0,
      }).passAtInfinity;
      return { defined: true, value: fitted, lower, upper, level };
    }
    default:
      return within(lowest, highest);
  }
}

/**
 * The sampling variance of a case's mean score over `n` samples, as if the scores were successes and failures:
 * scores in [0, 1] with mean μ vary by at most μ(1 − μ) (Bhatia and Davis), and the Agresti–Coull shift (two
 * successes and two failures added) keeps the variance above 0 when every score is 0 or every score is 1. A bound
 * from above, so a comparison resting on it is never surer than the samples allow.
 */
export function meanScoreVariance(mean: number | null, n: number): number {
  if (mean === null || n === 0) return 0.25;
  const shifted = (mean * n + 2) / (n + 4);
  return (shifted * (1 - shifted)) / (n + 4);
}

/**
 * The sampling variance of one case's estimate of a metric: for counts, the square of the standard error its
 * (Wilson) interval stands for, so that 20 of 20 still has some; for the mean score, `meanScoreVariance`.
 * Undefined where the metric is undefined for the case, or needs scores that are not at hand (the mean score and
 * max@k from counts alone).
 */
export function caseSamplingVariance(
  metric: MetricReference,
  outcomes: CaseOutcomes,
  level = 0.95,
): number | undefined {
  if (metric.name === 'mean-score') {
    if (outcomes.n === 0) return meanScoreVariance(null, 0);
    if (outcomes.scoreMean !== undefined) return meanScoreVariance(outcomes.scoreMean, outcomes.n);
    return outcomes.scores.length < outcomes.n ? undefined : meanScoreVariance(mean(outcomes.scores), outcomes.n);
  }
  if (metric.name === 'max@k' && outcomes.scores.length < outcomes.n && outcomes.scoreMean === undefined)
    return undefined;
  const single = caseMetric(metric, outcomes, level);
  return single.defined ? intervalStandardError(single.lower, single.upper, level) ** 2 : undefined;
}
