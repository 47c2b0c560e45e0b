import { createSeededRandom } from '../seeded-random.js';

/** A seeded source of the draws the cost statistics' simulations need. */
export interface SimulatedDraws {
  /** Uniform in [0, 1). */
  readonly uniform: () => number;
  /** Standard normal (Box–Muller). */
  readonly normal: () => number;
  /** exp(μ + σ·Z): a log-normal cost whose mean is exp(μ + σ²/2). */
  readonly logNormal: (mu: number, sigma: number) => number;
  /** Successes of n attempts each succeeding with probability p. */
  readonly binomial: (n: number, p: number) => number;
}

/** Draws from `createSeededRandom(seed)`: the same seed gives the same draws. */
export function simulatedDraws(seed: number): SimulatedDraws {
  const uniform = createSeededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return {
    uniform,
    normal,
    logNormal: (mu, sigma) => Math.exp(mu + sigma * normal()),
    binomial: (n, p) => {
      let successes = 0;
      for (let index = 0; index < n; index++) if (uniform() < p) successes++;
      return successes;
    },
  };
}
