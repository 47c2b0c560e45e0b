import betaln from '@stdlib/math-base-special-betaln';
import { betaPassAtK, logBinomialCoefficient } from './beta-binomial.js';
import type { CountTable } from './count-table.js';
import { drawIndices } from './draw-indices.js';
import { logAddExp } from './log-add-exp.js';
import type { BetaBinomialPrior } from './types.js';

/**
 * The default prior of the distributional model, chosen across the union of the development data (39 Pythia
 * models) and the simulated families of bench/extrapolation/sim-families.ts, never on the Pythia models alone:
 * of 72 candidates (a tight component on ln α around 0.2 or 0.4 mixed with a wide one around 0.6 or 1.2, the wide
 * share 0.5, 0.7 or 1; λ 1, 3 or 10; P(π0 = 0) 0.2 or 0.35), the one with the least mean, over the 13 groups, of
 * its mean absolute error at pass@10,000 from 100 draws divided by the better baseline's. Chosen with each Pythia
 * model left out, the same candidate wins for all 39 (bench/extrapolation/select-prior.ts, docs/benchmarks.md).
 * ln α: 0.3·N(ln 0.2, 0.35²) + 0.7·N(ln 1.2, 1.2²), so α from about 0.03 to 15 keeps prior mass and the data
 * choose between "small α, as language models on hard problems" and the rest (`evidence`); π0 = 0 with prior
 * probability 0.2, else density ∝ exp(−3·π0).
 */
export const DEFAULT_PRIOR: BetaBinomialPrior = {
  alphaMedian: 0.2,
  alphaLogSd: 0.35,
  zeroMassRate: 3,
  zeroPointMass: 0.2,
  alphaMixture: { weight: 0.7, median: 1.2, logSd: 1.2 },
};

function logSpace(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.exp(from + ((to - from) * i) / (count - 1)));
}

// The grid: ln α in equal steps over [10^-2.5, 10^1.5], the mean of the Beta part in equal log steps over
// [10^-8, 0.999], and π0 finer near 0 where the prior puts most of its mass.
const ALPHAS = logSpace(Math.log(10 ** -2.5), Math.log(10 ** 1.5), 25);
const MEANS = logSpace(Math.log(1e-8), Math.log(0.999), 64);
const ZERO_MASSES = [
  0, 0.0025, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65,
  0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.975, 0.99, 1,
];
const SHAPES = ALPHAS.length * MEANS.length;
/**
 * The tails of the prior on ln α: normal (Infinity) or Student-t with this many degrees of freedom. Chosen with
 * the rest of the prior by leave-one-model-out (bench/extrapolation/select-prior.ts).
 */
export const DEFAULT_ALPHA_TAIL = Number.POSITIVE_INFINITY;

/** One point of the posterior grid. */
export interface PosteriorPoint {
  /** Index of the (α, mean) pair. */
  shape: number;
  /** Index of π0. */
  zero: number;
}

/**
 * The posterior of a zero-inflated beta-binomial on a fixed grid: p = 0 with probability π0, else
 * p ~ Beta(α, β) with mean μ = α/(α + β); c ~ Binomial(n, p) per case. The prior is log-normal on α, flat in
 * ln μ, and on π0 a point mass at 0 (no zero inflation) and the rest ∝ exp(−λ·π0) on (0, 1]. Everything a replicate of the bootstrap over cases needs is tabulated once per
 * distinct (n, c): a resample only changes how many cases have each pair, so replicates cost no special
 * function calls. Predictions are in-sample: the pass@K of these cases given what each one showed.
 */
export class BetaBinomialPosterior {
  readonly #table: CountTable;
  readonly #ks: readonly number[];
  // Per pair, ln P(c | n, α, μ) for each shape; per pair and K, pass@K of the case's Beta part given its counts.
  readonly #logMass: Float64Array[];
  readonly #conditional: Float64Array[][];
  readonly #logPrior: Float64Array;
  // ln Σ exp(log prior) over the grid: the prior as masses on the grid sums to 1 after subtracting it.
  readonly #logPriorNorm: number;
  // Per pair with c = 0, ln(π0 + (1 − π0)·P(0 | n, α, μ)) at each grid point.
  readonly #logZeroMixture: (Float64Array | undefined)[];
  // Per α, the prior's share of its second component (0 without one).
  readonly #secondShare = new Float64Array(ALPHAS.length);

  /** Tabulates the model for the pairs of `table` and the attempts `ks`. */
  constructor(
    table: CountTable,
    ks: readonly number[],
    prior: BetaBinomialPrior,
    alphaTail: number = DEFAULT_ALPHA_TAIL,
  ) {
    this.#table = table;
    this.#ks = ks;
    this.#logMass = table.pairs.map(() => new Float64Array(SHAPES));
    this.#conditional = table.pairs.map(() => ks.map(() => new Float64Array(SHAPES)));
    ALPHAS.forEach((alpha, a) => {
      MEANS.forEach((mean, m) => {
        const shape = a * MEANS.length + m;
        const beta = (alpha * (1 - mean)) / mean;
        // logBetaBinomialMass, with the shape's own log-beta function computed once for every pair.
        const prior = betaln(alpha, beta);
        table.pairs.forEach(({ n, c }, at) => {
          (this.#logMass[at] as Float64Array)[shape] =
            logBinomialCoefficient(n, c) + betaln(c + alpha, n - c + beta) - prior;
          ks.forEach((k, j) => {
            ((this.#conditional[at] as Float64Array[])[j] as Float64Array)[shape] = betaPassAtK(
              alpha + c,
              beta + n - c,
              k,
            );
          });
        });
      });
    });
    this.#logPrior = new Float64Array(SHAPES * ZERO_MASSES.length);
    // The normaliser of the slab exp(−λ·π0) over π0 in (0, 1].
    const slab = prior.zeroMassRate === 0 ? 1 : prior.zeroMassRate / -Math.expm1(-prior.zeroMassRate);
    const point = prior.zeroPointMass ?? 0.5;
    ALPHAS.forEach((alpha, a) => {
      // Normal in ln α, or Student-t: near the median alike, but with tails heavy enough for cases that clearly
      // show a larger or smaller α to override the prior. With a second component, a mixture of the two.
      const density = (median: number, logSd: number) => {
        const z = Math.log(alpha / median) / logSd;
        const log = Number.isFinite(alphaTail)
          ? -((alphaTail + 1) / 2) * Math.log1p((z * z) / alphaTail)
          : -0.5 * z * z;
        return log - Math.log(logSd);
      };
      const second = prior.alphaMixture;
      let logAlpha = density(prior.alphaMedian, prior.alphaLogSd);
      if (second !== undefined && second.weight > 0) {
        const first = Math.log1p(-second.weight) + logAlpha;
        const other = Math.log(second.weight) + density(second.median, second.logSd);
        logAlpha = logAddExp(first, other);
        this.#secondShare[a] = Math.exp(other - logAlpha);
      }
      ZERO_MASSES.forEach((zeroMass, zi) => {
        // The prior mass `point` on π0 = 0 exactly (no zero inflation); the rest spread as density times width.
        const below = ZERO_MASSES[zi - 1] ?? zeroMass;
        const above = ZERO_MASSES[zi + 1] ?? zeroMass;
        const logZero =
          zi === 0
            ? Math.log(point)
            : Math.log((1 - point) * slab * ((above - below) / 2)) - prior.zeroMassRate * zeroMass;
        for (let m = 0; m < MEANS.length; m++) {
          this.#logPrior[(a * MEANS.length + m) * ZERO_MASSES.length + zi] = logAlpha + logZero;
        }
      });
    });
    let highestPrior = Number.NEGATIVE_INFINITY;
    for (const value of this.#logPrior) if (value > highestPrior) highestPrior = value;
    let priorSum = 0;
    for (const value of this.#logPrior) priorSum += Math.exp(value - highestPrior);
    this.#logPriorNorm = highestPrior + Math.log(priorSum);
    this.#logZeroMixture = table.pairs.map(({ c }, at) => {
      if (c !== 0) return undefined;
      const logMass = this.#logMass[at] as Float64Array;
      const mixture = new Float64Array(SHAPES * ZERO_MASSES.length);
      ZERO_MASSES.forEach((zeroMass, zi) => {
        const logZero = Math.log(zeroMass);
        const logRest = Math.log1p(-zeroMass);
        for (let shape = 0; shape < SHAPES; shape++) {
          mixture[shape * ZERO_MASSES.length + zi] = logAddExp(logZero, logRest + (logMass[shape] as number));
        }
      });
      return mixture;
    });
  }

  /** The attempts K tabulated, in the order given. */
  get ks(): readonly number[] {
    return this.#ks;
  }

  /** The posterior weights over the grid, for the cases counted by `multiplicities` (one per pair). */
  weights(multiplicities: Float64Array): Float64Array {
    return this.weightsAndEvidence(multiplicities).weights;
  }

  /**
   * The posterior weights over the grid for the cases counted by `multiplicities`, and the log marginal
   * likelihood of those cases under the model (the grid prior normalised to mass 1).
   */
  weightsAndEvidence(multiplicities: Float64Array): { weights: Float64Array; logEvidence: number } {
    const pairs = this.#table.pairs;
    const nonZeroPart = new Float64Array(SHAPES);
    let nonZeroCases = 0;
    pairs.forEach(({ c }, at) => {
      const count = multiplicities[at] ?? 0;
      if (c === 0 || count === 0) return;
      nonZeroCases += count;
      const logMass = this.#logMass[at] as Float64Array;
      for (let shape = 0; shape < SHAPES; shape++) {
        nonZeroPart[shape] = (nonZeroPart[shape] as number) + count * (logMass[shape] as number);
      }
    });
    const logPosterior = new Float64Array(this.#logPrior);
    ZERO_MASSES.forEach((zeroMass, zi) => {
      if (nonZeroCases === 0) return;
      const factor = nonZeroCases * Math.log1p(-zeroMass);
      for (let shape = 0; shape < SHAPES; shape++) {
        const index = shape * ZERO_MASSES.length + zi;
        logPosterior[index] = (logPosterior[index] as number) + (nonZeroPart[shape] as number) + factor;
      }
    });
    pairs.forEach(({ c }, at) => {
      const count = multiplicities[at] ?? 0;
      const mixture = this.#logZeroMixture[at];
      if (c !== 0 || count === 0 || mixture === undefined) return;
      for (let i = 0; i < logPosterior.length; i++) {
        logPosterior[i] = (logPosterior[i] as number) + count * (mixture[i] as number);
      }
    });
    let highest = Number.NEGATIVE_INFINITY;
    for (const value of logPosterior) if (value > highest) highest = value;
    let sum = 0;
    for (let i = 0; i < logPosterior.length; i++) {
      const weight = Math.exp((logPosterior[i] as number) - highest);
      logPosterior[i] = weight;
      sum += weight;
    }
    for (let i = 0; i < logPosterior.length; i++) logPosterior[i] = (logPosterior[i] as number) / sum;
    return { weights: logPosterior, logEvidence: highest + Math.log(sum) - this.#logPriorNorm };
  }

  /** `count` grid points drawn from posterior `weights` (from `weights()`), with `random` uniform on [0, 1). */
  draw(weights: Float64Array, count: number, random: () => number): PosteriorPoint[] {
    return drawIndices(weights, count, random).map((index) => ({
      shape: Math.floor(index / ZERO_MASSES.length),
      zero: index % ZERO_MASSES.length,
    }));
  }

  /** The chance that a case with c = 0 in n attempts (pair `at`) has p > 0, at a grid point. */
  #nonZeroGivenNoSuccess(at: number, point: PosteriorPoint): number {
    const zeroMass = ZERO_MASSES[point.zero] as number;
    if (zeroMass === 0) return 1;
    if (zeroMass === 1) return 0;
    const logMass = (this.#logMass[at] as Float64Array)[point.shape] as number;
    const logRest = Math.log1p(-zeroMass) + logMass;
    return Math.exp(logRest - logAddExp(Math.log(zeroMass), logRest));
  }

  /** The suite's pass@K at the K of index `kIndex`, for the cases counted by `multiplicities`, at a grid point. */
  passAtK(multiplicities: Float64Array, kIndex: number, point: PosteriorPoint): number {
    let total = 0;
    let cases = 0;
    this.#table.pairs.forEach(({ c }, at) => {
      const count = multiplicities[at] ?? 0;
      if (count === 0) return;
      const beta = ((this.#conditional[at] as Float64Array[])[kIndex] as Float64Array)[point.shape] as number;
      total += count * (c === 0 ? this.#nonZeroGivenNoSuccess(at, point) * beta : beta);
      cases += count;
    });
    return total / cases;
  }

  /** pass@∞: the share of the cases counted by `multiplicities` whose p is above 0, at a grid point. */
  passAtInfinity(multiplicities: Float64Array, point: PosteriorPoint): number {
    let total = 0;
    let cases = 0;
    this.#table.pairs.forEach(({ c }, at) => {
      const count = multiplicities[at] ?? 0;
      total += count * (c === 0 ? this.#nonZeroGivenNoSuccess(at, point) : 1);
      cases += count;
    });
    return total / cases;
  }

  /**
   * What the posterior `weights` say about the model: the probability that no case is unsolvable (π0 = 0), and
   * that α comes from the prior's second component (0 without one).
   */
  evidence(weights: Float64Array): { noZeroMass: number; secondComponent: number } {
    let noZeroMass = 0;
    let secondComponent = 0;
    for (let i = 0; i < weights.length; i++) {
      const weight = weights[i] as number;
      if (i % ZERO_MASSES.length === 0) noZeroMass += weight;
      const alphaIndex = Math.floor(Math.floor(i / ZERO_MASSES.length) / MEANS.length);
      secondComponent += weight * (this.#secondShare[alphaIndex] as number);
    }
    return { noZeroMass, secondComponent };
  }

  /** The model parameters at a grid point. */
  parameters(point: PosteriorPoint): { zeroMass: number; alpha: number; mean: number } {
    return {
      zeroMass: ZERO_MASSES[point.zero] as number,
      alpha: ALPHAS[Math.floor(point.shape / MEANS.length)] as number,
      mean: MEANS[point.shape % MEANS.length] as number,
    };
  }
}
