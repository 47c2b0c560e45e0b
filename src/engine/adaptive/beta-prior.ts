/**
 * A Beta(alpha, beta) distribution over a case's success probability p. As a prior it is updated by c successes in
 * n samples to the posterior Beta(alpha + c, beta + n − c).
 */
export interface BetaPrior {
  /** α > 0: pseudo-successes. */
  readonly alpha: number;
  /** β > 0: pseudo-failures. */
  readonly beta: number;
}

/**
 * Jeffreys' prior Beta(½, ½), the planner's default: it gives a case with 0/n or n/n successes a small but
 * non-zero chance of being neither always-failing nor always-passing, so its sampling variance is never taken to be
 * exactly 0 from a handful of samples.
 */
export const jeffreysPrior: BetaPrior = { alpha: 0.5, beta: 0.5 };

/** The Beta posterior of p after c successes in n samples. */
export function betaPosterior(prior: BetaPrior, n: number, c: number): BetaPrior {
  return { alpha: prior.alpha + c, beta: prior.beta + n - c };
}

/** Refuses a prior whose parameters are not finite and positive. */
export function checkPrior(prior: BetaPrior): void {
  if (!(prior.alpha > 0 && Number.isFinite(prior.alpha) && prior.beta > 0 && Number.isFinite(prior.beta))) {
    throw new RangeError(
      `adaptive sampling: the prior needs alpha > 0 and beta > 0, got Beta(${prior.alpha}, ${prior.beta}); ` +
        'use Beta(0.5, 0.5) (Jeffreys) or Beta(1, 1) (uniform)',
    );
  }
}
