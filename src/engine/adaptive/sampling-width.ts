import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { CountMetric } from '../../program/program.js';
import type { NamedCaseCounts } from '../../stats/case-counts.js';
import { checkLevel } from '../../stats/normal-interval.js';
import { passAtK } from '../../stats/pass-at-k.js';
import { passHatK } from '../../stats/pass-hat-k.js';
import { type BetaPrior, betaPosterior, checkPrior, jeffreysPrior } from './beta-prior.js';
import { expectedVarianceCurve } from './estimator-variance.js';

/**
 * A suite metric with the sampling interval adaptive sampling narrows: the interval that reflects only the
 * randomness of the samples drawn, for this fixed set of cases.
 */
export interface MetricWidth {
  /** The metric, such as `{ name: 'pass@k', k: 10 }`. */
  readonly metric: CountMetric;
  /** The suite value: the mean over the m cases of the unbiased per-case estimates. */
  readonly estimate: number;
  /**
   * √((1/m²) Σ_i E[Var(est_i | p_i, n_i)]), the expectation taken over each case's Beta posterior of p_i: the
   * standard deviation of `estimate` over redraws of the samples, the cases held fixed.
   */
  readonly standardError: number;
  /** The full width of the normal interval, 2 z standardError (z = 1.96 at level 0.95). */
  readonly width: number;
  /** The confidence level of `width`. */
  readonly level: number;
}

/** How to compute a sampling width. */
export interface SamplingWidthOptions {
  /** The confidence level; 0.95 by default. */
  readonly level?: number;
  /** The prior of each case's success probability; Jeffreys' Beta(½, ½) by default. */
  readonly prior?: BetaPrior;
}

/**
 * The sampling (within-case) interval of a suite metric over a fixed set of cases. The suite value is
 * (1/m) Σ est_i over independent cases, so Var = (1/m²) Σ Var(est_i | p_i), each term estimated by
 * `expectedEstimatorVariance` under the case's posterior. This is the part of the uncertainty that more samples
 * per case remove. It is NOT the interval `standardError` gives over cases: that one also holds the between-case
 * variance (how the suite's cases happen to differ from the population of cases they were drawn from), which no
 * number of samples per case shrinks. Throws a RangeError when a case has fewer than k samples or counts out of range.
 */
export function samplingWidth(
  metric: CountMetric,
  cases: readonly NamedCaseCounts[],
  options: SamplingWidthOptions = {},
): MetricWidth {
  const level = options.level ?? 0.95;
  const prior = options.prior ?? jeffreysPrior;
  checkLevel(level);
  checkPrior(prior);
  if (cases.length === 0) throw new RangeError('sampling width: needs at least one case');
  const estimator = metric.name === 'pass@k' ? passAtK : passHatK;
  let total = 0;
  let variance = 0;
  for (const { n, c } of cases) {
    total += estimator(n, c, metric.k); // checks n, c and k ≤ n
    variance += expectedVarianceCurve(metric, betaPosterior(prior, n, c))(n);
  }
  const m = cases.length;
  const standardError = Math.sqrt(variance) / m;
  return { metric, estimate: total / m, standardError, width: 2 * zOf(level) * standardError, level };
}

/** The two-sided normal quantile for `level`: 1.96 at 0.95. */
export function zOf(level: number): number {
  return normalQuantile(1 - (1 - level) / 2, 0, 1);
}
