import { quantileOfSorted } from '../bootstrap-interval.js';
import { metricLevel } from '../metric-level.js';
import type { MetricValue } from '../metric-value.js';
import { checkLevel } from '../normal-interval.js';
import { passAtK } from '../pass-at-k.js';
import { passAtKCurve } from '../pass-at-k-curve.js';
import { mean, sampleVariance } from '../sample-moments.js';
import { createSeededRandom } from '../seeded-random.js';
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
  const curve = passAtKCurve(cases);
  const perK = curve.map(({ k }) => ({
    passes: cases.map((costs) => passAtK(costs.n, costs.c, k)),
    costs: meanCosts.map((meanCost) => k * meanCost + fixed),
  }));
  const bootstrapped = ratioBootstraps(perK, options);
  const points = curve.map(({ k, value }, index): PassAtKCostPoint => {
    const caseCosts = (perK[index] as (typeof perK)[number]).costs;
    const cost = mean(caseCosts);
    return {
      k,
      passAtK: value,
      cost,
      solvedPerDollar: solvedPerDollar(cases, k, caseCosts, value / cost, bootstrapped[index], options),
    };
  });
  let best: PassAtKCostPoint | undefined;
  for (const point of points) {
    if (!point.solvedPerDollar.defined) continue;
    if (!best?.solvedPerDollar.defined || point.solvedPerDollar.value > best.solvedPerDollar.value) best = point;
  }
  return best ? { defined: true, points, best } : { defined: true, points };
}

/**
 * The percentile bootstrap interval over cases of Σ pass@k / Σ cost at each k, with `bootstrapInterval`'s draws
 * (the same seed draws the same cases at every k, as it would k by k) but one draw of the cases for all k at once,
 * and sums in place of resampled lists. Undefined at a k where a case's attempts cost nothing, or with one case.
 */
function ratioBootstraps(
  perK: readonly { readonly passes: readonly number[]; readonly costs: readonly number[] }[],
  options: PassAtKCostOptions,
): ({ readonly lower: number; readonly upper: number; readonly standardError: number } | undefined)[] {
  const level = options.level ?? metricLevel;
  const resamples = options.resamples ?? 1000;
  const m = perK[0]?.passes.length ?? 0;
  const usable = perK.map(({ costs }) => m >= 2 && costs.every((cost) => cost > 0));
  if (!usable.some(Boolean)) return perK.map(() => undefined);
  const random = createSeededRandom(options.seed ?? 0);
  const replicates = perK.map(() => new Float64Array(resamples));
  const drawn = new Int32Array(m);
  for (let draw = 0; draw < resamples; draw++) {
    for (let index = 0; index < m; index++) drawn[index] = Math.floor(random() * m);
    perK.forEach(({ passes, costs }, at) => {
      if (!usable[at]) return;
      let pass = 0;
      let cost = 0;
      for (const index of drawn) {
        pass += passes[index] as number;
        cost += costs[index] as number;
      }
      (replicates[at] as Float64Array)[draw] = pass / cost;
    });
  }
  const tail = (1 - level) / 2;
  return replicates.map((values, at) => {
    if (!usable[at]) return undefined;
    const sorted = Array.from(values).sort((left, right) => left - right);
    return {
      lower: quantileOfSorted(sorted, tail),
      upper: quantileOfSorted(sorted, 1 - tail),
      standardError: Math.sqrt(sampleVariance(sorted)),
    };
  });
}

/** Cases solved per dollar at k, with its bootstrap interval over cases where one exists. */
function solvedPerDollar(
  cases: readonly CaseCosts[],
  k: number,
  caseCosts: readonly number[],
  value: number,
  interval: { readonly lower: number; readonly upper: number; readonly standardError: number } | undefined,
  options: PassAtKCostOptions,
): MetricValue {
  if (caseCosts.every((cost) => cost === 0)) {
    return { defined: false, reason: `${k} attempts per case cost nothing, so cases per dollar has no value` };
  }
  if (cases.length < 2 || caseCosts.some((cost) => cost === 0) || !interval) return { defined: true, value };
  const level = options.level ?? metricLevel;
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
