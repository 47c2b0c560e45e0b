/** A point estimate with the ends of its interval, at the level the call asked for. */
export interface EstimateWithInterval {
  /** The point estimate. */
  estimate: number;
  /** The lower end of the interval; never above `estimate`. */
  lower: number;
  /** The upper end of the interval; never below `estimate`. */
  upper: number;
}

/** pass@K of the suite at one K, predicted by the extrapolation. */
export interface PassAtKPrediction extends EstimateWithInterval {
  /** The number of attempts per case. */
  k: number;
}

/**
 * The prior of the distributional model, in the units the fit uses. The defaults (`DEFAULT_PRIOR`) were chosen
 * across 39 Pythia models and 12 simulated families together (docs/benchmarks.md, "Extrapolation"). A partial
 * prior passed to `extrapolate` replaces only the fields it names: to use one component on ln α, pass
 * `alphaMixture: { weight: 0, median: 1, logSd: 1 }` as well.
 */
export interface BetaBinomialPrior {
  /**
   * The median of the first (tight) component of the prior on the Beta shape α of the per-case success
   * probability; 0.2 by default. Fits of this model to repeated-sampling data of language models give α between
   * about 0.07 and 0.7 (Schaeffer et al. 2025).
   */
  alphaMedian: number;
  /** The standard deviation of ln α in the first component; 0.35 by default. */
  alphaLogSd: number;
  /**
   * The rate λ of the prior density ∝ exp(−λ·π0) of the mass π0 at p = 0, where π0 > 0; 3 by default. A small α
   * already puts much mass near 0, and the two cannot be told apart from few samples per case: the data raise π0
   * where a gap between the cases that never succeed and the rest shows.
   */
  zeroMassRate: number;
  /** The prior probability that π0 = 0 exactly (no case is unsolvable); 0.2 by default, 0.5 when absent from a full prior. */
  zeroPointMass?: number;
  /**
   * A second (wide) component of the prior on ln α, normal around ln `median` with sd `logSd`, taking share
   * `weight` of the prior (the first component keeps 1 − weight); by default weight 0.7, median 1.2, sd 1.2.
   * Averaging over the two components is Bayesian model averaging: `method.evidence.wideAlpha` is the posterior
   * weight of this one.
   */
  alphaMixture?: { weight: number; median: number; logSd: number };
}

/** Options of `extrapolate`. */
export interface ExtrapolationOptions {
  /** The attempts per case K at which to predict pass@K: positive integers, any size. */
  ks: readonly number[];
  /** The level of the intervals, in (0, 1); 0.9 by default. */
  level?: number;
  /** The seed of every random draw (subsamples, bootstrap, posterior draws); 0 by default. */
  seed?: number;
  /** Bootstrap replicates over cases for the intervals; 100 by default. */
  resamples?: number;
  /** The prior of the distributional model; each field has a default. */
  prior?: Partial<BetaBinomialPrior>;
  /**
   * Draw the intervals from the average of the one-Beta model and a mixture of two Betas, weighted by their
   * marginal likelihoods (true by default); false uses the one-Beta model alone, as before the mixture existed,
   * at about half the run time. The estimates are the one-Beta model's either way. Suites of fewer than 10 cases,
   * which cannot show two groups, use the one-Beta model alone.
   */
  mixture?: boolean;
}

/** Which model produced the predictions, and how well each did when cross-fitted. */
export interface ExtrapolationMethod {
  /** The model whose predictions are returned. */
  selected: 'beta-binomial' | 'power-law';
  /**
   * The mean absolute error of each model when fitted on subsamples of a quarter of each case's outcomes and
   * asked for the pass@k the full data shows at k = n/2 and k = n: a test of extrapolation by factors 2 to 4.
   * The power law is selected only when its error is the lower one and every requested K is at most 4·n (the
   * smallest n), the range the test covered; beyond it the distributional model is used.
   * Absent when the cases are too few in samples to subsample (n < 8 on some case).
   */
  crossFitError?: { betaBinomial: number; powerLaw: number };
  /** The zero-inflated beta-binomial fitted by maximum likelihood (reported; the predictions use the posterior). */
  maximumLikelihood: { zeroMass: number; alpha: number; beta: number; logLikelihood: number };
  /** The posterior medians of the zero-inflated beta-binomial's parameters under the prior. */
  posteriorMedian: { zeroMass: number; alpha: number; mean: number };
  /** The prior used. */
  prior: BetaBinomialPrior;
  /**
   * How sure the data made the distributional model, as posterior probabilities under the prior: that some cases
   * can never be solved (π0 > 0), and that α belongs to the prior's wide component (`prior.alphaMixture`) rather
   * than its tight one around `alphaMedian`. Near 0 or 1 the data decided; near the prior's own odds they did not.
   */
  evidence: {
    unsolvable: number;
    wideAlpha: number;
    /**
     * The posterior probability, from the marginal likelihoods at even prior odds, that p follows a mixture of
     * two Betas (a group of hard cases beside an easy one) rather than one; the intervals average over both
     * models with these weights, the estimates are the one-Beta model's. `unsolvable`, `wideAlpha` and
     * `posteriorMedian` describe the one-Beta model.
     * Absent when `mixture` was false.
     */
    twoGroups?: number;
  };
  /** The power law −log pass@k = a·k^(−b) fitted by least squares on the observed pass@k; absent if no case succeeded. */
  powerLaw?: { a: number; b: number };
}

/** The result of `extrapolate`. */
export interface ExtrapolationResult {
  /** pass@K at each requested K, in the order asked. */
  passAtK: PassAtKPrediction[];
  /** pass@∞: the share of cases whose success probability is above 0. */
  passAtInfinity: EstimateWithInterval;
  /** The level of the intervals. */
  level: number;
  /** The model chosen and the details of each fit. */
  method: ExtrapolationMethod;
}
