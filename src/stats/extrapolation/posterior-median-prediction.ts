import type { BetaBinomialPosterior } from './beta-binomial-posterior.js';
import { quantile } from './quantile.js';

/** What the posterior of a count table predicts, as medians over draws. */
export interface PosteriorMedians {
  /** The median pass@K at each tabulated K. */
  passAtK: number[];
  /** The median pass@∞. */
  passAtInfinity: number;
  /** The median of each parameter. */
  parameters: { zeroMass: number; alpha: number; mean: number };
}

/** Medians of pass@K, pass@∞ and the parameters over `draws` draws from the posterior of `multiplicities`. */
export function posteriorMedians(
  posterior: BetaBinomialPosterior,
  multiplicities: Float64Array,
  draws: number,
  random: () => number,
): PosteriorMedians {
  const points = posterior.draw(posterior.weights(multiplicities), draws, random);
  const parameters = points.map((point) => posterior.parameters(point));
  return {
    passAtK: posterior.ks.map((_, j) =>
      quantile(
        points.map((point) => posterior.passAtK(multiplicities, j, point)),
        0.5,
      ),
    ),
    passAtInfinity: quantile(
      points.map((point) => posterior.passAtInfinity(multiplicities, point)),
      0.5,
    ),
    parameters: {
      zeroMass: quantile(
        parameters.map((p) => p.zeroMass),
        0.5,
      ),
      alpha: quantile(
        parameters.map((p) => p.alpha),
        0.5,
      ),
      mean: quantile(
        parameters.map((p) => p.mean),
        0.5,
      ),
    },
  };
}
