import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { caseMetric, metricRange } from './case-metric.js';
import type { CaseOutcomes } from './case-outcomes.js';
import { extrapolate } from './extrapolation/extrapolate.js';
import type { Interval } from './interval.js';
import { intervalStandardError } from './interval-standard-error.js';
import { judgeVarianceComponents } from './judge-noise/judge-variance-components.js';
import { metricLevel } from './metric-level.js';
import { isSpendMetric, type MetricReference } from './metric-reference.js';
import { mean, sampleVariance } from './sample-moments.js';
import { spendMetricValue } from './spend-metric-value.js';
import { suiteKValue } from './suite-k/suite-k-value.js';

export { metricLevel } from './metric-level.js';

/** The interval of a metric's value, and how it was obtained. */
export interface MetricInterval extends Interval {
  /**
   * The standard error the interval stands for: the normal interval's own, or, for the other kinds, its half
   * width over the normal quantile at `level`.
   */
  readonly standardError: number;
  /**
   * `cases`: a normal interval over the cases' values (Miller 2024), never narrower than the cases' own sampling
   * noise implies; `case`: the interval of a metric of one case; `extrapolation`: the bootstrap interval of the
   * extrapolation (pass@∞); `posterior`: the spread of posterior draws of every case's p (`suite_k`).
   */
  readonly method: 'cases' | 'case' | 'extrapolation' | 'posterior';
}

/**
 * Where a metric's uncertainty comes from, in the units `planSampleSize` takes: the variance over cases of their
 * true values (which more samples per case cannot remove) and the variance one sample adds to a case's estimate
 * (which K samples per case divide by K).
 */
export interface MetricNoise {
  readonly betweenCaseVariance: number;
  readonly withinCaseVariance: number;
  /** The cases the value is a mean over. */
  readonly cases: number;
  /** The mean number of samples per case the value rests on. */
  readonly samplesPerCase: number;
  /**
   * For the mean score over judged samples whose judges were asked more than once: the variance the judges' own
   * noise adds to one score (σ²_judge/r, measured from the repeated calls; part of `withinCaseVariance`), and its
   * share of the variance of the value (`judgeVarianceComponents`).
   */
  readonly judge?: { readonly variance: number; readonly share: number };
}

/** A metric's value over a suite of cases (or one case), with its interval, or why it has none. */
export type MetricValue =
  | {
      readonly defined: true;
      readonly value: number;
      /** Absent only where no interval can be given. */
      readonly interval?: MetricInterval;
      /** Absent for extrapolated metrics, whose uncertainty does not split this way. */
      readonly noise?: MetricNoise;
    }
  | { readonly defined: false; readonly reason: string };

/** The name of a metric as written, such as `pass@10`. */
export function metricName(metric: MetricReference): string {
  switch (metric.name) {
    case 'pass@k':
      return `pass@${metric.k}`;
    case 'pass^k':
      return `pass^${metric.k}`;
    case 'max@k':
      return `max@${metric.k}`;
    case 'g-pass@k':
      return `g-pass@${metric.k}[${metric.tau}]`;
    case 'mean-score':
      return 'mean_score';
    case 'attempts':
      return `attempts@${metric.budget}`;
    case 'pass@inf':
      return 'pass@inf';
    case 'suite-k':
      return `suite_k@${metric.quantile}`;
    case 'error-rate':
      return 'error_rate';
    case 'tokens-per-sample':
      return 'tokens_per_sample';
    case 'cost':
      return metric.measure === 'total' ? 'cost' : `cost_${metric.measure.replaceAll('-', '_')}`;
    case 'latency':
      return `${metric.statistic}_latency`;
    default:
      return metric satisfies never;
  }
}

/** Options of `metricValue`. */
export interface MetricValueOptions {
  /** Compute the metric over this case alone. */
  readonly caseId?: string;
  /** The confidence level of the interval; `metricLevel` by default. */
  readonly level?: number;
}

/** The mean number of samples per case that a metric's per-case estimates rest on. */
function samplesPerCase(metric: MetricReference, cases: readonly CaseOutcomes[]): number {
  return mean(cases.map((outcomes) => (metric.name === 'error-rate' ? outcomes.drawn : outcomes.n)));
}

/**
 * A metric over a suite: the mean over cases of each case's unbiased estimate (pass@k, pass^k, G-Pass@k, max@k,
 * the mean score, capped expected attempts, the error rate), with a normal interval from the standard error over
 * cases; pass@∞ is extrapolated from every case's counts at once, with the extrapolation's interval. With
 * `caseId`, the metric of that case alone, with that case's interval. Undefined when a case has too few samples
 * for the metric.
 */
export function metricValue(
  metric: MetricReference,
  cases: readonly CaseOutcomes[],
  options: MetricValueOptions = {},
): MetricValue {
  const level = options.level ?? metricLevel;
  if (options.caseId !== undefined) {
    const only = cases.find((outcomes) => outcomes.caseId === options.caseId);
    if (!only) return { defined: false, reason: `no case "${options.caseId}" in the run` };
    if (isSpendMetric(metric)) return spendMetricValue(metric, [only], level);
    if (metric.name === 'suite-k') return suiteKValue(metric.quantile, [only], level);
    const single = caseMetric(metric, only, level);
    if (!single.defined) return single;
    const standardError = intervalStandardError(single.lower, single.upper, level);
    return {
      defined: true,
      value: single.value,
      interval: { lower: single.lower, upper: single.upper, level, standardError, method: 'case' },
      ...(metric.name === 'pass@inf'
        ? {}
        : {
            noise: {
              betweenCaseVariance: 0,
              withinCaseVariance: standardError ** 2 * samplesPerCase(metric, [only]),
              cases: 1,
              samplesPerCase: samplesPerCase(metric, [only]),
            },
          }),
    };
  }
  if (cases.length === 0) return { defined: false, reason: 'no cases' };
  if (isSpendMetric(metric)) return spendMetricValue(metric, cases, level);
  if (metric.name === 'suite-k') return suiteKValue(metric.quantile, cases, level);
  if (metric.name === 'pass@inf') {
    const empty = cases.find((outcomes) => outcomes.n === 0);
    if (empty) return { defined: false, reason: `case "${empty.caseId}" has no scored samples` };
    const { estimate, lower, upper } = extrapolate(
      cases.map(({ n, c }) => ({ n, c })),
      { ks: [1], level, seed: 0 },
    ).passAtInfinity;
    return {
      defined: true,
      value: estimate,
      interval: {
        lower,
        upper,
        level,
        standardError: intervalStandardError(lower, upper, level),
        method: 'extrapolation',
      },
    };
  }
  if (cases.length === 1) return metricValue(metric, cases, { caseId: (cases[0] as CaseOutcomes).caseId, level });
  const perCase = [];
  for (const outcomes of cases) {
    const single = caseMetric(metric, outcomes, level);
    if (!single.defined) return single;
    perCase.push(single);
  }
  const values = perCase.map((single) => single.value);
  const value = mean(values);
  // The mean of the cases' own sampling variances: a floor under the spread over cases, which can be 0 by chance.
  const sampling = mean(perCase.map((single) => intervalStandardError(single.lower, single.upper, level) ** 2));
  const spread = sampleVariance(values);
  // The judges' measured noise is a floor too: the spread of few outputs can hide it by chance.
  const judged = metric.name === 'mean-score' ? judgeVarianceComponents(cases) : undefined;
  const judgeFloor = judged ? judged.ofMean.judge * values.length : 0;
  const standardError = Math.sqrt(Math.max(spread, sampling, judgeFloor) / values.length);
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  const { lowest, highest } = metricRange(metric);
  const perSample = samplesPerCase(metric, cases);
  return {
    defined: true,
    value,
    interval: {
      lower: Math.max(lowest, value - z * standardError),
      upper: Math.min(highest, value + z * standardError),
      level,
      standardError,
      method: 'cases',
    },
    noise: {
      betweenCaseVariance: Math.max(0, spread - sampling),
      withinCaseVariance: sampling * perSample,
      cases: cases.length,
      samplesPerCase: perSample,
      ...(judged ? { judge: { variance: judged.judgeVariance, share: judged.judgeShare } } : {}),
    },
  };
}
