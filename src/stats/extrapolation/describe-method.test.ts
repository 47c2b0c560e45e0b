import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIOR } from './beta-binomial-posterior.js';
import { describeMethod } from './describe-method.js';
import type { ExtrapolationMethod } from './types.js';

const method: ExtrapolationMethod = {
  selected: 'beta-binomial',
  crossFitError: { betaBinomial: 0.031, powerLaw: 0.0123 },
  maximumLikelihood: { zeroMass: 0.38, alpha: 2.2, beta: 100, logLikelihood: -140 },
  posteriorMedian: { zeroMass: 0.4, alpha: 1.4678, mean: 0.0167 },
  prior: DEFAULT_PRIOR,
  evidence: { unsolvable: 0.996, wideAlpha: 0.9712 },
};

describe('describeMethod', () => {
  it('gives the distributional model with the posterior chance of never-solvable cases and of the wide α', () => {
    expect(describeMethod(method)).toBe(
      'zero-inflated beta-binomial: P(some cases never solvable) 100% (π0 ≈ 0.40), α ≈ 1.5, P(α from the wide prior) 97%',
    );
  });

  it('adds the weight of the two-Beta model when the fit was averaged with it', () => {
    expect(describeMethod({ ...method, evidence: { ...method.evidence, twoGroups: 0.234 } })).toBe(
      'zero-inflated beta-binomial: P(some cases never solvable) 100% (π0 ≈ 0.40), α ≈ 1.5, ' +
        'P(α from the wide prior) 97%; P(two groups of cases, a mixture of two Betas) 23%',
    );
  });

  it('gives the power law with both cross-fit errors', () => {
    expect(describeMethod({ ...method, selected: 'power-law' })).toBe(
      'power law −log pass@k = a·k^(−b) (cross-fit error 0.012 against 0.031 for the beta-binomial)',
    );
  });
});
