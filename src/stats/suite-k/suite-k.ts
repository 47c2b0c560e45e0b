import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import type { CaseCounts } from '../case-counts.js';
import { quantiles } from '../extrapolation/quantile.js';
import { metricLevel } from '../metric-level.js';
import { type CasePosteriorDraws, zeroInflatedPosteriorDraws } from './case-posterior-draws.js';
import { sampleSuiteSolveCurve } from './sample-suite-solve-curve.js';
import {
  logSuiteSolveOfProbabilities,
  SUITE_K_SEARCH_LIMIT,
  suiteCappedMeanOfProbabilities,
  suiteKOfProbabilities,
  sumOfShortfall,
} from './suite-solve-of-probabilities.js';

/** Options of `suiteK`. */
export interface SuiteKOptions {
  /** Which quantile of max_i T_i: `suite_k@q`, in (0, 1). 0.5 (the median) by default. */
  readonly quantile?: number;
  /** The cap B of the mean E[min(max_i T_i, B)]; the fewest samples any case has, plus one, by default. */
  readonly budget?: number;
  /** The confidence level of the intervals; `metricLevel` by default. */
  readonly level?: number;
  /**
   * Posterior draws of the cases' p behind the intervals and the predictions beyond the samples: 400, fewer for
   * suites of more than 1,000 cases (`defaultDraws`).
   */
  readonly draws?: number;
  /** Seed of the draws; 0. */
  readonly seed?: number;
  /** The model of the cases' p; the extrapolation's zero-inflated beta-binomial by default. */
  readonly posterior?: CasePosteriorDraws;
}

/** An estimate with the ends of its interval; any of them may be Infinity (the suite may never be solved). */
export interface SuiteKEstimate {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /**
   * Whether the estimate lies beyond the samples drawn, and so comes from the model of the cases rather than
   * from the unbiased estimators (as pass@K beyond n is extrapolated).
   */
  readonly beyondSamples: boolean;
}

/** The attempts per case that solve the whole suite: a quantile and a capped mean, with intervals. */
export interface SuiteKResult {
  /** The quantile q of `quantile`. */
  readonly q: number;
  /** `suite_k@q`: the smallest k with P(max_i T_i ≤ k) = Π_i pass@k_i ≥ q. */
  readonly quantile: SuiteKEstimate;
  /** E[min(max_i T_i, B)] = Σ_{k=0}^{B−1} (1 − Π_i pass@k_i), with B in `budget`. */
  readonly cappedMean: SuiteKEstimate & { readonly budget: number };
  /** The fewest samples any case has: the reach of the unbiased estimates. */
  readonly samples: number;
  /** Π_i pass@n_i at that many attempts: the chance the samples' budget solves the suite. */
  readonly solvedWithinSamples: number;
  /** The confidence level of the intervals. */
  readonly level: number;
  /** `suite_k@q` at each posterior draw, in the order drawn: what a comparison of two suites pairs up. */
  readonly quantileDraws: readonly number[];
}

/**
 * 400 draws up to 1,000 cases, then 400,000 case-draws in all, and never fewer than 50: each draw costs a pass over
 * every case, and a large suite's interval is narrow enough that fewer draws place its ends well.
 */
export function defaultDraws(cases: number): number {
  return cases <= 1000 ? 400 : Math.max(50, Math.floor(400_000 / cases));
}

function check(cases: readonly CaseCounts[], q: number, level: number, budget: number | undefined): void {
  if (cases.length === 0) throw new RangeError('suite_k: needs at least one case, got none');
  cases.forEach(({ n, c }, index) => {
    if (!Number.isInteger(n) || !Number.isInteger(c) || n < 1 || c < 0 || c > n) {
      throw new RangeError(
        `suite_k: case ${index} needs integer counts with 1 ≤ n and 0 ≤ c ≤ n, got n = ${n}, c = ${c}`,
      );
    }
  });
  if (!(q > 0 && q < 1)) throw new RangeError(`suite_k: the quantile must lie strictly between 0 and 1, got ${q}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`suite_k: the level must lie in (0, 1), got ${level}`);
  if (budget !== undefined && (!Number.isInteger(budget) || budget < 1)) {
    throw new RangeError(`suite_k: the budget must be a positive integer, got ${budget}`);
  }
}

/**
 * The interval of a `suite_k@q` found within the samples, on the scale of the curve, where the estimate is
 * unbiased: at each k, the unbiased Π_i pass@k_i with the spread of the draws' curves around their median. The
 * lower end is the first k whose upper band reaches q, the upper end the first whose lower band does (or
 * `beyond`, the draws' own upper end, when that band stays below q through the samples).
 */
function withinInterval(
  curve: Float64Array,
  draws: readonly Float64Array[],
  estimate: number,
  q: number,
  level: number,
  drawn: { lower: number; upper: number },
): { estimate: number; lower: number; upper: number } {
  const samples = curve.length - 1;
  const band = (k: number) => {
    const values = draws.map((probabilities) => Math.exp(logSuiteSolveOfProbabilities(probabilities, k)));
    const [middle, below, above] = quantiles(values, [0.5, (1 - level) / 2, (1 + level) / 2]) as [
      number,
      number,
      number,
    ];
    return {
      low: (curve[k] as number) - (middle - below),
      high: (curve[k] as number) + (above - middle),
    };
  };
  // The first k in (from, to] where `reaches` holds, `to` itself if none before; the bands rise with k.
  const first = (from: number, to: number, reaches: (k: number) => boolean) => {
    let low = from;
    let high = to;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (reaches(middle)) high = middle;
      else low = middle;
    }
    return high;
  };
  const lower = first(0, estimate, (k) => band(k).high >= q);
  const upper =
    band(samples).low >= q ? first(estimate - 1, samples, (k) => band(k).low >= q) : Math.max(drawn.upper, samples + 1);
  return { estimate, lower: Math.min(lower, drawn.lower), upper: Math.max(upper, drawn.upper) };
}

/**
 * Each case's Clopper–Pearson upper bound on p at 1 − (1 − level)/(2m) for m cases: together they hold every p
 * below them with chance at least (1 + level)/2 (Bonferroni), whatever the cases.
 */
function simultaneousUpperBounds(cases: readonly CaseCounts[], level: number): Float64Array {
  const tail = (1 - level) / 2 / cases.length;
  return Float64Array.from(cases, ({ n, c }) => (c === n ? 1 : betaQuantile(1 - tail, c + 1, n - c)));
}

/** Attempts are whole: the lower end rounds down, the upper end up. */
function integerEnds(interval: { estimate: number; lower: number; upper: number }) {
  return { ...interval, lower: Math.floor(interval.lower), upper: Math.ceil(interval.upper) };
}

/**
 * The attempts per case the whole suite needs. With T_i the attempts case i needs (geometric in its p_i), the suite
 * is solved once every case is, after max_i T_i attempts per case, and P(max_i T_i ≤ k) = Π_i (1 − (1 − p_i)^k).
 * Within the samples (k up to the fewest any case has) that curve is estimated without bias by Π_i pass@k_i;
 * beyond them, by each case's prediction from the posterior of the cases' model, averaged over its draws. A case
 * that never succeeded may never be solvable: where the model gives that chance, the curve may stay below q
 * forever and `suite_k@q` is Infinity.
 *
 * The target is these cases, not a population of cases, so the intervals come from what the counts leave unknown
 * about each case's p: the quantiles over posterior draws of every p_i of the closed forms at the drawn p's (the
 * estimate is kept inside). Deterministic given `seed`. Throws a RangeError for no cases, counts out of range
 * (n ≥ 1 each), q or level outside (0, 1) and a budget that is not a positive integer.
 */
export function suiteK(cases: readonly CaseCounts[], options: SuiteKOptions = {}): SuiteKResult {
  const q = options.quantile ?? 0.5;
  const level = options.level ?? metricLevel;
  check(cases, q, level, options.budget);
  const curve = sampleSuiteSolveCurve(cases);
  const samples = curve.length - 1;
  const budget = options.budget ?? samples + 1;
  const draws = (options.posterior ?? zeroInflatedPosteriorDraws)(cases, {
    draws: options.draws ?? defaultDraws(cases.length),
    seed: options.seed ?? 0,
  });
  // Each case's prediction beyond the samples: the mean over draws of 1 − (1 − p)^k.
  const predicted = (k: number): number => {
    let product = 1;
    for (let i = 0; i < cases.length && product > 0; i++) {
      let sum = 0;
      for (const probabilities of draws) sum -= Math.expm1(k * Math.log1p(-(probabilities[i] as number)));
      product *= sum / draws.length;
    }
    return product;
  };
  const solvedWithinSamples = curve[samples] as number;
  let estimate: number;
  if (solvedWithinSamples >= q) {
    estimate = curve.findIndex((value) => value >= q);
  } else {
    let high = Math.max(2 * samples, 2);
    while (predicted(high) < q && high < SUITE_K_SEARCH_LIMIT) high *= 2;
    if (predicted(high) < q) estimate = Number.POSITIVE_INFINITY;
    else {
      let low = samples;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (predicted(middle) >= q) high = middle;
        else low = middle;
      }
      estimate = high;
    }
  }
  let withinSum = 0;
  for (let k = 0; k < Math.min(budget, samples + 1); k++) withinSum += 1 - (curve[k] as number);
  const meanEstimate = withinSum + (budget > samples + 1 ? sumOfShortfall(predicted, samples + 1, budget) : 0);
  // The draws' spread stands for the estimate's sampling spread, centred on the estimate: draws around each
  // case's observed rate err as the estimate does (both low where the curve bends), so their own quantiles would
  // count that error twice. Attempts are a scale: suite_k shifts by its ratio to the draws' median.
  const around = (point: number, replicates: number[], scale: 'ratio' | 'difference') => {
    const [middle, low, high] = quantiles(replicates, [0.5, (1 - level) / 2, (1 + level) / 2]) as [
      number,
      number,
      number,
    ];
    const shifted =
      !Number.isFinite(point) || !Number.isFinite(middle)
        ? { lower: low, upper: high }
        : scale === 'ratio'
          ? { lower: (point * low) / middle, upper: (point * high) / middle }
          : { lower: point - (middle - low), upper: point + (high - middle) };
    // Where a case never succeeded, the estimate sits at an end the draws do not: their own quantiles stand too.
    return {
      estimate: point,
      lower: Math.min(shifted.lower, low, point),
      upper: Math.max(shifted.upper, high, point),
    };
  };
  const quantileDraws = draws.map((probabilities) => suiteKOfProbabilities(probabilities, q));
  const drawnK = around(estimate, quantileDraws, 'ratio');
  // The lower ends also hold where every case's p is at its simultaneous upper bound: the posterior alone puts them
  // too high when several cases sit near p = 1/n (each case's draws are low as often as high, but suite_k follows
  // the hardest of them).
  const highest = simultaneousUpperBounds(cases, level);
  const quantileFloor = suiteKOfProbabilities(highest, q);
  const meanFloor = suiteCappedMeanOfProbabilities(highest, budget);
  const drawnMean = around(
    meanEstimate,
    draws.map((probabilities) => suiteCappedMeanOfProbabilities(probabilities, budget)),
    'difference',
  );
  const quantileInterval = integerEnds(
    estimate > samples ? drawnK : withinInterval(curve, draws, estimate, q, level, drawnK),
  );
  return {
    q,
    quantile: {
      ...quantileInterval,
      lower: Math.max(1, Math.min(quantileInterval.lower, quantileFloor)),
      beyondSamples: estimate > samples,
    },
    cappedMean: {
      ...drawnMean,
      // The capped mean lies in [1, B] whatever the draws' spread says.
      lower: Math.max(1, Math.min(drawnMean.lower, meanFloor)),
      upper: Math.min(budget, drawnMean.upper),
      beyondSamples: budget > samples + 1,
      budget,
    },
    samples,
    solvedWithinSamples,
    level,
    quantileDraws,
  };
}
