import { intervalStandardError } from '../interval-standard-error.js';
import { metricLevel } from '../metric-level.js';
import type { MetricValue } from '../metric-value.js';
import { nonNegativeInterval } from '../non-negative-interval.js';
import { mean, sampleVariance } from '../sample-moments.js';
import { cappedAttemptsInterval } from './capped-attempts-interval.js';
import { type CaseCosts, checkCaseCosts } from './case-costs.js';
import { meanCostInterval } from './mean-cost-interval.js';
import { productInterval } from './product-interval.js';

/** Options of `expectedCostToSuccess`. */
export interface ExpectedCostOptions {
  /**
   * The most attempts made on a case, B: at most n + 1 for a case of n scored samples. Each case's own n by default
   * (the attempts capped at the samples drawn).
   */
  readonly budget?: number;
  /** The confidence level of the interval; `metricLevel` (0.95) by default. */
  readonly level?: number;
}

const what = 'expected cost to success';

/**
 * The expected dollars spent on one case until its first success, trying at most B times:
 * `cappedAttempts(n, c, B)` × the mean cost of its drawn samples. By Wald's identity E[Σ_{i ≤ min(T, B)} cost_i] =
 * E[min(T, B)] · E[cost] whatever ties a sample's cost to its success, since whether attempt i is made depends only
 * on the attempts before it; the estimate is unbiased when a sample's cost does not depend on its success (the
 * two factors are then independent), and otherwise off by their covariance over the samples.
 *
 * The interval multiplies the two factors' own intervals on the log scale (`productInterval`): the capped attempts'
 * mapped Wilson interval, which stays wide at 0 and at n successes, and the mean cost's log-normal interval. A
 * bootstrap over the case's samples would collapse to a point at 0 or n successes, and a case's costs are not
 * paired with its outcomes (failed samples cost money too), so the two are resampled apart anyway. No interval
 * when the case has fewer than two costs.
 */
export function caseExpectedCostToSuccess(costs: CaseCosts, options: ExpectedCostOptions = {}): MetricValue {
  checkCaseCosts(what, costs);
  const level = options.level ?? metricLevel;
  const { caseId, n, c } = costs;
  if (n === 0) {
    return { defined: false, reason: `case "${caseId}" has no scored samples (${costs.costs.length} failed)` };
  }
  const budget = options.budget ?? n;
  if (!Number.isInteger(budget) || budget < 1) {
    throw new RangeError(`${what}: the budget must be a positive integer, got ${budget}`);
  }
  if (budget > n + 1) {
    return {
      defined: false,
      reason: `case "${caseId}" has ${n} scored samples, fewer than the budget ${budget} less one`,
    };
  }
  const attempts = cappedAttemptsInterval(n, c, budget, level);
  const cost = meanCostInterval(costs.costs, level);
  if (!cost) return { defined: true, value: attempts.value * mean(costs.costs) };
  if (cost.value === 0) {
    return {
      defined: true,
      value: 0,
      interval: { lower: 0, upper: 0, level, standardError: 0, method: 'case' },
      noise: { betweenCaseVariance: 0, withinCaseVariance: 0, cases: 1, samplesPerCase: n },
    };
  }
  const product = productInterval([
    { ...attempts, power: 1 },
    { ...cost, power: 1 },
  ]);
  const standardError = intervalStandardError(product.lower, product.upper, level);
  return {
    defined: true,
    value: product.value,
    interval: { lower: product.lower, upper: product.upper, level, standardError, method: 'case' },
    noise: { betweenCaseVariance: 0, withinCaseVariance: standardError ** 2 * n, cases: 1, samplesPerCase: n },
  };
}

/**
 * The expected dollars to solve a case of the suite: the mean over cases of `caseExpectedCostToSuccess`, with a
 * normal interval from the standard error over cases, never narrower than the cases' own sampling noise implies
 * (as `metricValue` gives every mean over cases). One case gives that case's value and interval. Undefined when
 * there is no case or a case has no value.
 */
export function expectedCostToSuccess(cases: readonly CaseCosts[], options: ExpectedCostOptions = {}): MetricValue {
  const level = options.level ?? metricLevel;
  if (cases.length === 0) return { defined: false, reason: 'no cases' };
  const perCase = [];
  for (const costs of cases) {
    const single = caseExpectedCostToSuccess(costs, options);
    if (!single.defined) return single;
    perCase.push(single);
  }
  if (perCase.length === 1) return perCase[0] as MetricValue;
  const values = perCase.map((single) => single.value);
  const value = mean(values);
  const variances = perCase.flatMap((single) => (single.interval ? [single.interval.standardError ** 2] : []));
  // The mean of the cases' own sampling variances: a floor under the spread over cases, which can be 0 by chance.
  const sampling = variances.length === 0 ? 0 : mean(variances);
  const spread = sampleVariance(values);
  const standardError = Math.sqrt(Math.max(spread, sampling) / values.length);
  const samplesPerCase = mean(cases.map((costs) => costs.n));
  return {
    defined: true,
    value,
    interval: nonNegativeInterval(value, standardError, level),
    noise: {
      betweenCaseVariance: Math.max(0, spread - sampling),
      withinCaseVariance: sampling * samplesPerCase,
      cases: cases.length,
      samplesPerCase,
    },
  };
}
