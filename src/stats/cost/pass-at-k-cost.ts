import { bootstrapInterval } from '../bootstrap-interval.js';
import { metricLevel } from '../metric-level.js';
import type { MetricValue } from '../metric-value.js';
import { checkLevel } from '../normal-interval.js';
import { passAtK } from '../pass-at-k.js';
import { passAtKCurve } from '../pass-at-k-curve.js';
import { mean } from '../sample-moments.js';
import { type CaseCosts, checkCaseCosts } from './case-costs.js';

/** Options of `passAtKCost`. */
export interface PassAtKCostOptions {
  /** The confidence level of the intervals; `metricLevel` (0.95) by default. */
  readonly level?: number;
  /** The seed of the bootstrap over cases; 0 by default, so the same cases give the same intervals. */
  readonly seed?: number;
  /** Resamples of the bootstrap; 1000 by default. */
  readonly resamples?: number;
  /**
   * Dollars spent on a case whatever k is (preparing its environment, judging it once); 0 by default. With none,
   * the best k is always 1: pass@k rises ever more slowly from pass@0 = 0, so pass@k / k only falls.
   */
  readonly fixedCostPerCase?: number;
}

/** pass@k of a suite with the dollars it takes. */
export interface PassAtKCostPoint {
  /** Attempts per case: 1, 2, 4, … */
  readonly k: number;
  /** pass@k, the mean over cases of the unbiased estimate: the expected fraction of cases solved. */
  readonly passAtK: number;
  /** Dollars for k attempts at a case: the mean over cases of k × its mean cost per sample, plus the fixed cost. */
  readonly cost: number;
  /**
   * Cases solved per dollar, pass@k / cost, with a percentile bootstrap interval over cases (whole cases are
   * resampled, so a case's pass@k and cost stay together). Undefined when the attempts cost nothing; no interval
   * with one case, or when a case's attempts cost nothing (a resample of those alone has no ratio).
   */
  readonly solvedPerDollar: MetricValue;
}

/** The cost curve of pass@k, or why there is none. */
export type PassAtKCost =
  | {
      readonly defined: true;
      /** One point at each k = 1, 2, 4, … up to the fewest scored samples of any case. */
      readonly points: readonly PassAtKCostPoint[];
      /** The point solving the most cases per dollar (the smallest k of a tie); absent when no point has a value. */
      readonly best?: PassAtKCostPoint;
    }
  | { readonly defined: false; readonly reason: string };

/**
 * pass@k at k = 1, 2, 4, … with the dollars of k attempts per case and the cases solved per dollar, and the k that
 * solves the most per dollar. Every case's k attempts cost k times its mean cost per drawn sample (failed ones
 * included), whether or not an earlier one succeeded: the price of drawing k samples at once.
 */
export function passAtKCost(cases: readonly CaseCosts[], options: PassAtKCostOptions = {}): PassAtKCost {
  const level = options.level ?? metricLevel;
  const fixed = options.fixedCostPerCase ?? 0;
  checkLevel(level);
  if (!(Number.isFinite(fixed) && fixed >= 0)) {
    throw new RangeError(`pass@k cost: the fixed cost per case must be a finite number ≥ 0, got ${fixed}`);
  }
  if (cases.length === 0) return { defined: false, reason: 'no cases' };
  for (const costs of cases) checkCaseCosts('pass@k cost', costs);
  const unscored = cases.find((costs) => costs.n === 0);
  if (unscored) return { defined: false, reason: `case "${unscored.caseId}" has no scored samples` };
  const meanCosts = cases.map((costs) => mean(costs.costs));
  const points = passAtKCurve(cases).map(({ k, value }): PassAtKCostPoint => {
    const caseCosts = meanCosts.map((meanCost) => k * meanCost + fixed);
    const cost = mean(caseCosts);
    return { k, passAtK: value, cost, solvedPerDollar: solvedPerDollar(cases, k, caseCosts, value / cost, options) };
  });
  let best: PassAtKCostPoint | undefined;
  for (const point of points) {
    if (!point.solvedPerDollar.defined) continue;
    if (!best?.solvedPerDollar.defined || point.solvedPerDollar.value > best.solvedPerDollar.value) best = point;
  }
  return best ? { defined: true, points, best } : { defined: true, points };
}

/** Cases solved per dollar at k, with its bootstrap interval over cases where one exists. */
function solvedPerDollar(
  cases: readonly CaseCosts[],
  k: number,
  caseCosts: readonly number[],
  value: number,
  options: PassAtKCostOptions,
): MetricValue {
  if (caseCosts.every((cost) => cost === 0)) {
    return { defined: false, reason: `${k} attempts per case cost nothing, so cases per dollar has no value` };
  }
  if (cases.length < 2 || caseCosts.some((cost) => cost === 0)) return { defined: true, value };
  const level = options.level ?? metricLevel;
  const items = cases.map((costs, index) => ({ pass: passAtK(costs.n, costs.c, k), cost: caseCosts[index] as number }));
  const interval = bootstrapInterval(items, {
    seed: options.seed ?? 0,
    resamples: options.resamples ?? 1000,
    level,
    statistic: (sample) =>
      sample.reduce((sum, item) => sum + item.pass, 0) / sample.reduce((sum, item) => sum + item.cost, 0),
  });
  return {
    defined: true,
    value,
    interval: {
      lower: Math.min(value, interval.lower),
      upper: Math.max(value, interval.upper),
      level,
      standardError: interval.standardError,
      method: 'cases',
    },
  };
}
