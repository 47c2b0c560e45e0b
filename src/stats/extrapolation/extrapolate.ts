import type { CaseCounts } from '../case-counts.js';
import { createSeededRandom } from '../seeded-random.js';
import { BetaBinomialPosterior, DEFAULT_PRIOR, type PosteriorPoint } from './beta-binomial-posterior.js';
import { BetaMixturePosterior } from './beta-mixture-posterior.js';
import { checkCases, checkKs, checkLevel } from './check-cases.js';
import { resampleMultiplicities, tallyCases } from './count-table.js';
import { crossFit } from './cross-fit.js';
import { fitBetaBinomial } from './fit-beta-binomial.js';
import { type AveragedPoint, ModelAverage } from './model-average.js';
import { posteriorMedians } from './posterior-median-prediction.js';
import { fitPowerLaw } from './power-law.js';
import { quantile } from './quantile.js';
import type { BetaBinomialPrior, EstimateWithInterval, ExtrapolationOptions, ExtrapolationResult } from './types.js';

/** Posterior draws behind each point estimate, and behind each bootstrap replicate of the intervals. */
const POINT_DRAWS = 1000;
const REPLICATE_DRAWS = 20;
/**
 * The fewest cases in which the two-Beta model is averaged in: fewer cannot show two groups, and its fit would cost
 * about half a second for nothing (a case's own pass@∞ is one case).
 */
const MIXTURE_MIN_CASES = 10;
/** How far cross-fitting tests extrapolation: from a quarter of n to n. */
const CROSS_FIT_REACH = 4;

function checkPrior(prior: BetaBinomialPrior): void {
  const mixture = prior.alphaMixture;
  const point = prior.zeroPointMass ?? 0.5;
  if (
    !(prior.alphaMedian > 0) ||
    !(prior.alphaLogSd > 0) ||
    !(prior.zeroMassRate >= 0) ||
    !(point >= 0 && point <= 1) ||
    (mixture !== undefined && !(mixture.weight >= 0 && mixture.weight <= 1 && mixture.median > 0 && mixture.logSd > 0))
  ) {
    throw new RangeError(
      `extrapolate: prior needs alphaMedian > 0, alphaLogSd > 0, zeroMassRate ≥ 0, zeroPointMass in [0, 1] and ` +
        `alphaMixture { weight in [0, 1], median > 0, logSd > 0 }, got ${JSON.stringify(prior)}`,
    );
  }
}

/**
 * The distributional model unless the power law did better when cross-fitted and every K asked for lies in the
 * range the cross-fit tested. Cross-fitting fits on a quarter of each case's outcomes and checks pass@k up to
 * the full n: it tests extrapolation by factors up to 4, so its verdict covers K ≤ 4·n and no further. Far beyond
 * n the verdict says nothing (on the Pythia benchmark, the power law won the 2- to 4-fold test in more than half
 * the draws of the informative models, yet had 3–7 times the distributional model's error at 100-fold:
 * docs/benchmarks.md).
 */
function selectModel(
  crossFitError: { betaBinomial: number; powerLaw: number } | undefined,
  ks: readonly number[],
  smallestN: number,
): 'beta-binomial' | 'power-law' {
  if (crossFitError === undefined) return 'beta-binomial';
  const tested = ks.every((k) => k <= CROSS_FIT_REACH * smallestN);
  return tested && crossFitError.powerLaw < crossFitError.betaBinomial ? 'power-law' : 'beta-binomial';
}

function interval(estimate: number, replicates: number[], level: number, noSuccess: boolean): EstimateWithInterval {
  const lower = noSuccess ? 0 : Math.min(quantile(replicates, (1 - level) / 2), estimate);
  const upper = Math.max(quantile(replicates, (1 + level) / 2), estimate);
  return { estimate, lower, upper };
}

/**
 * pass@∞'s interval reaching down to the share of cases that ever succeeded. Every case that can never be solved
 * shows 0 successes, so the suite's pass@∞ lies in [that share, 1] whatever p looks like near 0; within it, only
 * a model can tell a case that is unsolvable from one solved once in a thousand tries, and the model's answer
 * rests on its prior. Under the earlier default prior (most of its mass at π0 near 0), on suites of 50 cases × 20
 * samples from the simulator's `small` profile (15% unsolvable), the model's own 95% interval held the truth in
 * 43% of suites, this one in all (bench/extrapolation/sim-coverage.ts, docs/benchmarks.md).
 */
function withDataBound(estimate: EstimateWithInterval, cases: readonly CaseCounts[]): EstimateWithInterval {
  const solvedShare = cases.filter(({ c }) => c > 0).length / cases.length;
  return { ...estimate, lower: Math.min(estimate.lower, solvedShare) };
}

/**
 * Predicts the suite's pass@K for K far beyond the samples drawn, and pass@∞, from per-case counts { n, c }.
 *
 * Two models are fitted. The distributional one is a zero-inflated beta-binomial (Schaeffer et al. 2025): each
 * case's success probability p is 0 with probability π0, else Beta(α, β); its posterior is computed on a grid
 * under a prior that averages over two views of α (a tight one around 0.2, as language models on hard problems
 * show, and a wide one around 1.2) and gives π0 = 0 prior probability 0.2 (see `BetaBinomialPrior`; chosen across
 * Pythia models and simulated families together), and pass@K of each case
 * is E[1 − (1 − p)^K | its counts] = 1 − B(α + c, β + n − c + K)/B(α + c, β + n − c). Its intervals average it
 * (Bayesian model averaging, even prior odds) with a zero-inflated mixture of two Betas under the same prior per
 * component (`BetaMixturePosterior`), weighted by the two models' marginal likelihoods: one Beta cannot hold a
 * group of tiny-p cases beside an easy group and takes the tiny-p cases that never succeeded for unsolvable; the
 * mixture can, and the interval reaches as far as the counts let it (`mixture: false` skips it). The estimates
 * stay the one-Beta model's (the average's medians were no better on the simulated families and worse on the
 * Pythia models: docs/benchmarks.md). The other is the power
 * law −log pass@k = a·k^(−b) of Brown et al. (2024), fitted by least squares on the observed pass@k. Both are
 * cross-fitted on quarter-size subsamples of the data itself; the power law is returned only if it predicted
 * better there and every K is within the 4-fold range that test covers (K ≤ 4·n), else the distributional model.
 * Estimates are posterior medians of the one-Beta model (or the power law's value); intervals come from a bootstrap over cases,
 * mixing a few posterior draws per replicate (a bagged posterior), so they carry both the sampling of cases and
 * what the counts leave unknown about each model. pass@∞'s interval reaches down to the share of cases that ever
 * succeeded (see `withDataBound`). When no case ever succeeded, every lower end is 0. `method.evidence` says how
 * sure the data made the model: the posterior probability of never-solvable cases and of the wide view of α (in
 * the one-Beta model), and of the two-Beta model.
 *
 * Deterministic given `seed`. Throws a RangeError for no cases, counts out of range, K not a positive integer,
 * or a level outside (0, 1).
 */
export function extrapolate(cases: readonly CaseCounts[], options: ExtrapolationOptions): ExtrapolationResult {
  checkCases('extrapolate', cases);
  checkKs('extrapolate', options?.ks);
  const level = options.level ?? 0.9;
  checkLevel('extrapolate', level);
  const resamples = options.resamples ?? 100;
  if (!Number.isInteger(resamples) || resamples < 10) {
    throw new RangeError(`extrapolate: resamples must be an integer ≥ 10, got ${resamples}`);
  }
  const prior: BetaBinomialPrior = { ...DEFAULT_PRIOR, ...options.prior };
  checkPrior(prior);
  const random = createSeededRandom(options.seed ?? 0);
  const ks = [...options.ks];
  const noSuccess = cases.every(({ c }) => c === 0);

  const table = tallyCases(cases);
  const posterior = new BetaBinomialPosterior(table, ks, prior);
  const medians = posteriorMedians(posterior, table.multiplicities, POINT_DRAWS, random);
  const { noZeroMass, secondComponent } = posterior.evidence(posterior.weights(table.multiplicities));
  const average =
    options.mixture === false || cases.length < MIXTURE_MIN_CASES
      ? undefined
      : new ModelAverage(posterior, new BetaMixturePosterior(table, ks, prior));
  const powerLaw = fitPowerLaw(cases);
  const crossFitError = crossFit(cases, prior, random);
  const selected = selectModel(crossFitError, ks, Math.min(...cases.map(({ n }) => n)));

  // Draws from the averaged posterior (or the one-Beta posterior alone) of the cases counted by `multiplicities`.
  const drawFrom = (multiplicities: Float64Array, count: number) => {
    if (average !== undefined) return average.draw(multiplicities, count, random);
    const points = posterior.draw(posterior.weights(multiplicities), count, random);
    return { points: points.map((point): AveragedPoint => ({ model: 'single', point })), mixtureProbability: 0 };
  };
  const passAtK = (multiplicities: Float64Array, j: number, point: AveragedPoint) =>
    average?.passAtK(multiplicities, j, point) ??
    posterior.passAtK(multiplicities, j, (point as { point: PosteriorPoint }).point);
  const passAtInfinity = (multiplicities: Float64Array, point: AveragedPoint) =>
    average?.passAtInfinity(multiplicities, point) ??
    posterior.passAtInfinity(multiplicities, (point as { point: PosteriorPoint }).point);

  const twoGroups = average?.mixtureProbability(table.multiplicities);

  const replicatesAtK: number[][] = ks.map(() => []);
  const replicatesAtInfinity: number[] = [];
  for (let replicate = 0; replicate < resamples; replicate++) {
    const multiplicities = resampleMultiplicities(table, random);
    const { points } = drawFrom(multiplicities, REPLICATE_DRAWS);
    for (const point of points) replicatesAtInfinity.push(passAtInfinity(multiplicities, point));
    if (selected === 'beta-binomial') {
      for (const point of points) {
        ks.forEach((_, j) => {
          replicatesAtK[j]?.push(passAtK(multiplicities, j, point));
        });
      }
    } else {
      const resampled = table.pairs.flatMap((pair, at) => Array.from({ length: multiplicities[at] ?? 0 }, () => pair));
      const law = fitPowerLaw(resampled);
      ks.forEach((k, j) => {
        replicatesAtK[j]?.push(law.predict(k));
      });
    }
  }

  const maximumLikelihood = fitBetaBinomial(cases, { zeroInflated: true });
  return {
    passAtK: ks.map((k, j) => {
      const estimate = selected === 'beta-binomial' ? (medians.passAtK[j] as number) : powerLaw.predict(k);
      return { k, ...interval(estimate, replicatesAtK[j] as number[], level, noSuccess) };
    }),
    passAtInfinity: withDataBound(interval(medians.passAtInfinity, replicatesAtInfinity, level, noSuccess), cases),
    level,
    method: {
      selected,
      ...(crossFitError === undefined ? {} : { crossFitError }),
      maximumLikelihood,
      posteriorMedian: medians.parameters,
      prior,
      evidence: {
        unsolvable: 1 - noZeroMass,
        wideAlpha: secondComponent,
        ...(twoGroups === undefined ? {} : { twoGroups }),
      },
      ...(powerLaw.parameters === undefined ? {} : { powerLaw: powerLaw.parameters }),
    },
  };
}
