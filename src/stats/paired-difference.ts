import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { clusteredStandardError } from './clustered-standard-error.js';
import type { IntervalEstimate } from './interval-estimate.js';
import { checkValues, mean, sampleVariance } from './sample-moments.js';
import { standardError } from './standard-error.js';

/** Options of `pairedDifference`. */
export interface PairedDifferenceOptions {
  /** The confidence level of the interval; 0.95 by default. */
  level?: number;
  /** One group per case, for a cluster-robust standard error of the difference. */
  groups?: readonly (string | number)[];
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
 * typically means over K samples (or per-case pass@k). When every difference is equal the standard error is 0
 * and the p-value is 1 if they are 0, and 0 otherwise.
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
  const interval =
    options.groups === undefined
      ? standardError(differences, { level: options.level })
      : clusteredStandardError(differences, options.groups, { level: options.level });
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
