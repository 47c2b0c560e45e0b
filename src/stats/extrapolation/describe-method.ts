import type { ExtrapolationMethod } from './types.js';

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * One line saying which model produced an extrapolation and how sure the data made it: for the distributional
 * model, the posterior probability that some cases are never solvable and that α comes from the prior's wide
 * component, with the posterior medians of π0 and α, and the posterior probability of the two-Beta model it was
 * averaged with; for the power law, both models' cross-fit errors.
 */
export function describeMethod(method: ExtrapolationMethod): string {
  switch (method.selected) {
    case 'beta-binomial': {
      const { unsolvable, wideAlpha, twoGroups } = method.evidence;
      const { zeroMass, alpha } = method.posteriorMedian;
      const groups =
        twoGroups === undefined ? '' : `; P(two groups of cases, a mixture of two Betas) ${percent(twoGroups)}`;
      return (
        `zero-inflated beta-binomial: P(some cases never solvable) ${percent(unsolvable)} (π0 ≈ ${zeroMass.toPrecision(2)}), ` +
        `α ≈ ${alpha.toPrecision(2)}, P(α from the wide prior) ${percent(wideAlpha)}${groups}`
      );
    }
    case 'power-law': {
      const error = method.crossFitError;
      const errors =
        error === undefined
          ? ''
          : ` (cross-fit error ${error.powerLaw.toPrecision(2)} against ${error.betaBinomial.toPrecision(2)} for the beta-binomial)`;
      return `power law −log pass@k = a·k^(−b)${errors}`;
    }
    default:
      return method.selected satisfies never;
  }
}
