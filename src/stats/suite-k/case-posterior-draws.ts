import type { CaseCounts } from '../case-counts.js';
import { logBetaBinomialMass } from '../extrapolation/beta-binomial.js';
import { BetaBinomialPosterior, DEFAULT_PRIOR } from '../extrapolation/beta-binomial-posterior.js';
import { tallyCases } from '../extrapolation/count-table.js';
import { createSeededRandom } from '../seeded-random.js';
import { betaDraw } from './beta-draw.js';

/**
 * Joint posterior draws of every case's success probability p: `draws[r][i]` is case i's p in draw r. The one
 * thing `suite_k` needs from a model of the cases, so the model behind it can change without touching it.
 */
export type CasePosteriorDraws = (
  cases: readonly CaseCounts[],
  options: { readonly draws: number; readonly seed: number },
) => Float64Array[];

/** One set of draws from the zero-inflated posterior (see `zeroInflatedPosteriorDraws`). */
const drawZeroInflated: CasePosteriorDraws = (cases, { draws, seed }) => {
  const table = tallyCases(cases);
  // No pass@K of the suite is asked of it: only its draws of the parameters.
  const posterior = new BetaBinomialPosterior(table, [], DEFAULT_PRIOR);
  const random = createSeededRandom(seed);
  const points = posterior.draw(posterior.weights(table.multiplicities), draws, random);
  return points.map((point) => {
    const { zeroMass, alpha, mean } = posterior.parameters(point);
    const beta = (alpha * (1 - mean)) / mean;
    const probabilities = new Float64Array(cases.length);
    cases.forEach(({ n, c }, i) => {
      if (c === 0 && zeroMass > 0) {
        // P(p > 0 | no success in n) = (1 − π0)·P(0 | n, α, β) / (π0 + (1 − π0)·P(0 | n, α, β)).
        const rest = zeroMass >= 1 ? 0 : (1 - zeroMass) * Math.exp(logBetaBinomialMass(n, 0, alpha, beta));
        const solvable = rest / (zeroMass + rest);
        if (random() >= solvable) {
          probabilities[i] = 0;
          return;
        }
      }
      probabilities[i] = betaDraw(alpha + c, beta + n - c, random);
    });
    return probabilities;
  });
};

/** Draws made lately, by counts, draws and seed: the programs of a suite often have the same counts. */
const recentDraws = new Map<string, Float64Array[]>();
const recentDrawsKept = 16;

/**
 * Draws from the extrapolation's zero-inflated beta-binomial posterior: a grid point (α, mean, π0) from the
 * posterior of the whole suite, then each case's p given its own counts at that point: Beta(α + c, β + n − c),
 * and for a case that never succeeded, 0 (never solvable) with the posterior chance of that. The cases share
 * what they say about (α, mean, π0), so a case's draws borrow strength from the rest of the suite. The same counts,
 * draws and seed give the same draws, so the last few are kept and given again (not to be changed by the caller).
 */
export const zeroInflatedPosteriorDraws: CasePosteriorDraws = (cases, options) => {
  const key = `${options.draws} ${options.seed} ${cases.map(({ n, c }) => `${n}/${c}`).join(' ')}`;
  const known = recentDraws.get(key);
  if (known) return known;
  const drawn = drawZeroInflated(cases, options);
  if (recentDraws.size >= recentDrawsKept) recentDraws.delete(recentDraws.keys().next().value as string);
  recentDraws.set(key, drawn);
  return drawn;
};

/**
 * Independent draws per case from Jeffreys' posterior Beta(c + ½, n − c + ½): each case judged on its own counts.
 */
export const jeffreysPosteriorDraws: CasePosteriorDraws = (cases, { draws, seed }) => {
  const random = createSeededRandom(seed);
  return Array.from({ length: draws }, () => {
    const probabilities = new Float64Array(cases.length);
    cases.forEach(({ n, c }, i) => {
      probabilities[i] = betaDraw(c + 0.5, n - c + 0.5, random);
    });
    return probabilities;
  });
};
