import type { BetaBinomialPosterior, PosteriorPoint } from './beta-binomial-posterior.js';
import type { BetaMixturePosterior, MixturePoint } from './beta-mixture-posterior.js';
import { drawIndices } from './draw-indices.js';

/** A draw from the averaged posterior: a point of one model or of the other. */
export type AveragedPoint = { model: 'single'; point: PosteriorPoint } | { model: 'mixture'; point: MixturePoint };

/** The prior probability of the two-Beta model: even odds, no view of which describes a suite. */
const MIXTURE_PRIOR = 0.5;

/**
 * Bayesian model averaging over the zero-inflated beta-binomial (one Beta) and the zero-inflated mixture of two
 * Betas: each model's posterior weighted by its posterior probability, from the marginal likelihoods of the
 * cases and even prior odds. The two-Beta model nests the one-Beta one, so the marginal likelihood charges it
 * for its extra freedom and it takes weight only where the counts show two groups. `extrapolate` draws its
 * bootstrap replicates from it, so that its intervals carry which of the two models holds.
 */
export class ModelAverage {
  readonly #single: BetaBinomialPosterior;
  readonly #mixture: BetaMixturePosterior;

  /** Averages over the two posteriors, tabulated for the same cases and K. */
  constructor(single: BetaBinomialPosterior, mixture: BetaMixturePosterior) {
    this.#single = single;
    this.#mixture = mixture;
  }

  /** The attempts K tabulated, in the order given. */
  get ks(): readonly number[] {
    return this.#single.ks;
  }

  /** The posterior probability of the two-Beta model for the cases counted by `multiplicities`. */
  mixtureProbability(multiplicities: Float64Array): number {
    return this.#weigh(multiplicities).probability;
  }

  #weigh(multiplicities: Float64Array) {
    const single = this.#single.weightsAndEvidence(multiplicities);
    const mixture = this.#mixture.weights(multiplicities);
    const logOdds = mixture.logEvidence - single.logEvidence + Math.log(MIXTURE_PRIOR) - Math.log1p(-MIXTURE_PRIOR);
    const probability = Number.isNaN(logOdds) ? 0 : 1 / (1 + Math.exp(-logOdds));
    return { single: single.weights, mixture: mixture.weights, probability };
  }

  /** `count` draws from the averaged posterior of the cases counted by `multiplicities`, and the mixture's probability. */
  draw(
    multiplicities: Float64Array,
    count: number,
    random: () => number,
  ): { points: AveragedPoint[]; mixtureProbability: number } {
    const { single, mixture, probability } = this.#weigh(multiplicities);
    let fromMixture = 0;
    for (let d = 0; d < count; d++) if (random() < probability) fromMixture++;
    const points: AveragedPoint[] = [
      ...this.#single.draw(single, count - fromMixture, random).map((point) => ({ model: 'single' as const, point })),
      ...drawIndices(mixture, fromMixture, random).map((point) => ({ model: 'mixture' as const, point })),
    ];
    return { points, mixtureProbability: probability };
  }

  /** The suite's pass@K at the K of index `kIndex`, for the cases counted by `multiplicities`, at a draw. */
  passAtK(multiplicities: Float64Array, kIndex: number, drawn: AveragedPoint): number {
    return drawn.model === 'single'
      ? this.#single.passAtK(multiplicities, kIndex, drawn.point)
      : this.#mixture.passAtK(multiplicities, kIndex, drawn.point);
  }

  /** pass@∞ of the cases counted by `multiplicities`, at a draw. */
  passAtInfinity(multiplicities: Float64Array, drawn: AveragedPoint): number {
    return drawn.model === 'single'
      ? this.#single.passAtInfinity(multiplicities, drawn.point)
      : this.#mixture.passAtInfinity(multiplicities, drawn.point);
  }
}
