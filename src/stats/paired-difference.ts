import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { clusteredStandardError } from './clustered-standard-error.js';
import type { IntervalEstimate } from './interval-estimate.js';
import { normalInterval } from './normal-interval.js';
import { checkValues, mean, sampleVariance } from './sample-moments.js';
import { standardError } from './standard-error.js';

/** Options of `pairedDifference`. */
export interface PairedDifferenceOptions {
  /** The confidence level of the interval; 0.95 by default. */
  level?: number;
  /** One group per case, for a cluster-robust standard error of the difference. */
  groups?: readonly (string | number)[];
  /**
   * Each case's sampling variance of a_i − b_i (the variance of a_i's estimate plus that of b_i's, from the samples
   * each rests on). The standard error is then at least √(Σ v_i)/m, the part of the noise that sampling alone
   * implies: with few cases, or differences that agree by chance, the spread over cases can be near 0 and would
   * make any change look certain.
   */
  samplingVariances?: readonly number[];
}

/** The comparison of two interpreters on the same cases: the mean of a − b with its interval and test. */
export interface PairedDifference extends IntervalEstimate {
  /** The number of cases compared. */
  cases: number;
  /** estimate / standardError: the Wald statistic for "no difference". */
  zScore: number;
  /** The two-sided p-value of "no difference", 2·Φ(−|z|), from the normal approximation. */
  pValue: number;
  /**
   * The Pearson correlation of the two interpreters' per-case values, which is what pairing gains from
   * (Var(a − b) = Var(a) + Var(b) − 2 Cov(a, b)); null where either list is constant.
   */
  correlation: number | null;
}

/**
 * A paired comparison of two interpreters on the same cases (Miller 2024, "Adding Error Bars to Evals", §4):
 * the mean per-case difference a_i − b_i, its standard error from the differences (clustered when `groups` is
 * given), the normal interval, the z-score and the two-sided p-value. Pairing removes the variance the two share
 * through case difficulty, so it is far tighter than comparing two separate intervals. Per-case values are
 * typically means over K samples (or per-case pass@k). When every difference is equal and no `samplingVariances`
 * are given, the standard error is 0 and the p-value is 1 if they are 0, and 0 otherwise.
 * Throws a RangeError for lists of different lengths, fewer than two cases, or non-finite values.
 */
export function pairedDifference(
  a: readonly number[],
  b: readonly number[],
  options: PairedDifferenceOptions = {},
): PairedDifference {
  checkValues('paired difference (a)', a, 2);
  checkValues('paired difference (b)', b, 2);
  if (a.length !== b.length) {
    throw new RangeError(
      `paired difference: a and b must hold one value per case for the same cases, got ${a.length} and ${b.length}`,
    );
  }
  const differences = a.map((value, index) => value - (b[index] as number));
  const spread =
    options.groups === undefined
      ? standardError(differences, { level: options.level })
      : clusteredStandardError(differences, options.groups, { level: options.level });
  const floor = samplingFloor(options.samplingVariances, a.length);
  const interval = floor > spread.standardError ? normalInterval(spread.estimate, floor, spread.level) : spread;
  const { estimate, standardError: error, lower, upper, level } = interval;
  const zScore = error > 0 ? estimate / error : estimate === 0 ? 0 : Math.sign(estimate) * Number.POSITIVE_INFINITY;
  return {
    estimate,
    standardError: error,
    lower,
    upper,
    level,
    cases: a.length,
    zScore,
    pValue: Math.min(1, 2 * normalCdf(-Math.abs(zScore), 0, 1)),
    correlation: correlation(a, b),
  };
}

/** √(Σ v_i)/m: the standard error of the mean difference that the cases' sampling variances alone imply. */
function samplingFloor(variances: readonly number[] | undefined, cases: number): number {
  if (variances === undefined) return 0;
  if (variances.length !== cases || variances.some((variance) => !(variance >= 0 && Number.isFinite(variance)))) {
    throw new RangeError(
      `paired difference: samplingVariances must hold one finite variance ≥ 0 per case (${cases}), got ${variances.length}`,
    );
  }
  return Math.sqrt(variances.reduce((sum, variance) => sum + variance, 0)) / cases;
}

function correlation(a: readonly number[], b: readonly number[]): number | null {
  const varianceA = sampleVariance(a);
  const varianceB = sampleVariance(b);
  if (varianceA === 0 || varianceB === 0) return null;
  const meanA = mean(a);
  const meanB = mean(b);
  let covariance = 0;
  a.forEach((value, index) => {
    covariance += (value - meanA) * ((b[index] as number) - meanB);
  });
  covariance /= a.length - 1;
  return Math.max(-1, Math.min(1, covariance / Math.sqrt(varianceA * varianceB)));
}
