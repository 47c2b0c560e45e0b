import type { CaseCounts } from '../case-counts.js';
import { BetaBinomialPosterior } from './beta-binomial-posterior.js';
import { tallyCases } from './count-table.js';
import { observedPassAtK } from './observed-curve.js';
import { posteriorMedians } from './posterior-median-prediction.js';
import { fitPowerLaw } from './power-law.js';
import { subsampleCases } from './subsample-cases.js';
import type { BetaBinomialPrior } from './types.js';

/** Subsamples per cross-fit; each fits both models once. */
const REPEATS = 2;

/**
 * Cross-fits both models on the data itself: subsamples each case's outcomes to a quarter of its n (without
 * replacement), fits each model to the subsample, and scores its prediction of the pass@k that the full data
 * shows at k = n/2 and k = n (for the smallest n), as a mean absolute error over `REPEATS` subsamples. That is
 * a 2- to 4-fold extrapolation, judged on outcomes the fit never saw. Returns undefined when some case has
 * n < 8, too few to subsample.
 */
export function crossFit(
  cases: readonly CaseCounts[],
  prior: BetaBinomialPrior,
  random: () => number,
): { betaBinomial: number; powerLaw: number } | undefined {
  const smallest = Math.min(...cases.map(({ n }) => n));
  if (smallest < 8) return undefined;
  const targets = [Math.ceil(smallest / 2), smallest];
  const observed = observedPassAtK(cases, targets);
  let betaBinomial = 0;
  let powerLaw = 0;
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const subsample = subsampleCases(cases, (n) => Math.floor(n / 4), random);
    const table = tallyCases(subsample);
    const posterior = new BetaBinomialPosterior(table, targets, prior);
    const medians = posteriorMedians(posterior, table.multiplicities, 400, random);
    const law = fitPowerLaw(subsample);
    targets.forEach((k, j) => {
      const truth = observed[j] as number;
      betaBinomial += Math.abs((medians.passAtK[j] as number) - truth);
      powerLaw += Math.abs(law.predict(k) - truth);
    });
  }
  const scores = REPEATS * targets.length;
  return { betaBinomial: betaBinomial / scores, powerLaw: powerLaw / scores };
}
