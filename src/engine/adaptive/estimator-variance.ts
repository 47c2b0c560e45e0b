import type { CountMetric } from '../../program/program.js';
import { logHypergeometricMass } from '../../stats/log-hypergeometric-mass.js';
import type { BetaPrior } from './beta-prior.js';

/**
 * The exact variance of the unbiased per-case estimator of `metric` (`passAtK` or `passHatK`) from n samples,
 * when the number of successes is c ~ Binomial(n, p). Both estimators are U-statistics of degree k, so by
 * Hoeffding's (1948) decomposition
 *
 *     Var = Σ_{j=1..k} H(j) (u^(2k−j) − u^(2k)),   H(j) = C(k, j) C(n−k, k−j) / C(n, k),
 *
 * where H(j) is the chance that two random k-subsets of the n samples share j samples and u is the chance that
 * one sample "counts" (fails, for pass@k; succeeds, for pass^k). This equals the sum over c of the binomial mass
 * times the squared deviation of the estimator (the tests check it), in O(k) instead of O(n). At k = 1 it is
 * p(1 − p)/n; at k = n it is u^k (1 − u^k). Throws a RangeError for k > n, where the estimator is undefined.
 */
export function estimatorVariance(metric: CountMetric, n: number, p: number): number {
  checkArguments(metric, n);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`estimator variance: p must be in [0, 1], got ${p}`);
  return varianceCurve(metric.k, pointMoments(metric, p))(n);
}

/**
 * The expectation of `estimatorVariance(metric, n, p)` over p ~ Beta(belief.alpha, belief.beta): the sampling
 * variance of the case's estimate as a Bayesian with that belief about p expects it. With the belief set to the
 * posterior after the samples seen so far, it is the planner's estimate of a case's variance; unlike the plug-in
 * p = c/n it is never 0 for a case with 0/n or n/n successes. Exact: E[u^a] under a Beta is a product of a ratios.
 */
export function expectedEstimatorVariance(metric: CountMetric, n: number, belief: BetaPrior): number {
  checkArguments(metric, n);
  return expectedVarianceCurve(metric, belief)(n);
}

/**
 * `expectedEstimatorVariance` as a function of n for a fixed belief, with the moments of the belief computed once:
 * the planner evaluates it at many n. Arguments are trusted (n ≥ k).
 */
export function expectedVarianceCurve(metric: CountMetric, belief: BetaPrior): (n: number) => number {
  return varianceCurve(metric.k, betaMoments(metric, belief));
}

/**
 * log E[u^a] (`logMoment[a]`) and log(E[u^(2k)] / E[u^a]) (`logTail[a]`) for a = 0..2k, so that
 * E[u^a] − E[u^(2k)] = exp(logMoment[a]) · (−expm1(logTail[a])) loses no digits when u is near 1.
 */
interface Moments {
  readonly logMoment: Float64Array;
  readonly logTail: Float64Array;
}

function varianceCurve(k: number, moments: Moments): (n: number) => number {
  const { logMoment, logTail } = moments;
  return (n) => {
    let sum = 0;
    for (let j = Math.max(1, 2 * k - n); j <= k; j++) {
      const a = 2 * k - j;
      const spread = Math.exp(logMoment[a] as number) * -Math.expm1(logTail[a] as number);
      if (spread > 0) sum += Math.exp(logHypergeometricMass(n, k, k, j)) * spread;
    }
    return sum;
  };
}

/** The moments of u at a known p: u^a. */
function pointMoments(metric: CountMetric, p: number): Moments {
  const k = metric.k;
  const logU = metric.name === 'pass@k' ? Math.log1p(-p) : Math.log(p);
  const logMoment = new Float64Array(2 * k + 1);
  const logTail = new Float64Array(2 * k + 1);
  for (let a = 1; a <= 2 * k; a++) {
    logMoment[a] = a * logU;
    logTail[a] = a === 2 * k ? 0 : (2 * k - a) * logU;
  }
  return { logMoment, logTail };
}

/**
 * The moments of u under p ~ Beta(α, β): with u ~ Beta(b, o) (b = β, o = α for pass@k, where u = 1 − p; the
 * reverse for pass^k), E[u^a] = Π_{i<a} (b + i)/(b + o + i), and each ratio is 1 − o/(b + o + i).
 */
function betaMoments(metric: CountMetric, belief: BetaPrior): Moments {
  const k = metric.k;
  const counted = metric.name === 'pass@k' ? belief.beta : belief.alpha;
  const other = metric.name === 'pass@k' ? belief.alpha : belief.beta;
  const logRatio = new Float64Array(2 * k);
  for (let i = 0; i < 2 * k; i++) logRatio[i] = Math.log1p(-other / (counted + other + i));
  const logMoment = new Float64Array(2 * k + 1);
  const logTail = new Float64Array(2 * k + 1);
  for (let a = 1; a <= 2 * k; a++) logMoment[a] = (logMoment[a - 1] as number) + (logRatio[a - 1] as number);
  for (let a = 2 * k - 1; a >= 0; a--) logTail[a] = (logTail[a + 1] as number) + (logRatio[a] as number);
  return { logMoment, logTail };
}

function checkArguments(metric: CountMetric, n: number): void {
  if (!Number.isInteger(metric.k) || metric.k < 1) {
    throw new RangeError(`estimator variance: k must be a positive integer, got ${metric.k}`);
  }
  if (!Number.isInteger(n) || n < metric.k) {
    throw new RangeError(`estimator variance: ${metric.name} with k = ${metric.k} needs n ≥ k samples, got n = ${n}`);
  }
}
