import { nelderMead } from 'fmin';
import type { CaseCounts } from '../case-counts.js';
import { logBetaBinomialMass } from './beta-binomial.js';
import { tallyCases } from './count-table.js';
import { logAddExp } from './log-add-exp.js';

/** A beta-binomial fitted by maximum likelihood, with its zero inflation when asked for. */
export interface BetaBinomialFit {
  /** The mass π0 of cases with p = 0 exactly; 0 for the plain beta-binomial. */
  zeroMass: number;
  /** The Beta shape α of p on the cases with p > 0. */
  alpha: number;
  /** The Beta shape β of p on the cases with p > 0. */
  beta: number;
  /** The log-likelihood at the fit. */
  logLikelihood: number;
}

/** Options of `fitBetaBinomial`. */
export interface BetaBinomialFitOptions {
  /** Fit a mass π0 at p = 0 as well (the zero-inflated beta-binomial). */
  zeroInflated?: boolean;
}

// Bounds on the search, in ln α and ln β: beyond them the likelihood is flat to double precision.
const LOG_ALPHA = [Math.log(1e-3), Math.log(1e3)] as const;
const LOG_BETA = [Math.log(1e-3), Math.log(1e10)] as const;

function squash(x: number, [low, high]: readonly [number, number]): number {
  return low + (high - low) / (1 + Math.exp(-x));
}

function unsquash(y: number, [low, high]: readonly [number, number]): number {
  const share = Math.min(Math.max((y - low) / (high - low), 1e-9), 1 - 1e-9);
  return Math.log(share / (1 - share));
}

/**
 * Fits a beta-binomial (p ~ Beta(α, β) per case, c ~ Binomial(n, p)) to per-case counts by maximum likelihood,
 * optionally with a mass π0 at p = 0, by Nelder–Mead (fmin) from several starts on a bounded, smooth
 * reparametrisation. When no case ever succeeded the likelihood has no maximum; the fit then returns the
 * bound α = 0.001, β = 10^10 (p ≈ 0), and π0 = 1 when zero-inflated.
 */
export function fitBetaBinomial(cases: readonly CaseCounts[], options: BetaBinomialFitOptions = {}): BetaBinomialFit {
  const { pairs, multiplicities } = tallyCases(cases);
  const zeroInflated = options.zeroInflated ?? false;
  const decode = (x: number[]) => ({
    alpha: Math.exp(squash(x[0] ?? 0, LOG_ALPHA)),
    beta: Math.exp(squash(x[1] ?? 0, LOG_BETA)),
    zeroMass: zeroInflated ? 1 / (1 + Math.exp(-(x[2] ?? 0))) : 0,
  });
  const negativeLogLikelihood = (x: number[]) => {
    const { alpha, beta, zeroMass } = decode(x);
    let total = 0;
    pairs.forEach(({ n, c }, at) => {
      const log = logBetaBinomialMass(n, c, alpha, beta);
      const mixed =
        c === 0 && zeroMass > 0
          ? logAddExp(Math.log(zeroMass), Math.log1p(-zeroMass) + log)
          : Math.log1p(-zeroMass) + log;
      total += (multiplicities[at] ?? 0) * mixed;
    });
    return Number.isFinite(total) ? -total : Number.MAX_VALUE;
  };
  let best: { x: number[]; fx: number } | undefined;
  for (const alpha of [0.1, 1]) {
    for (const beta of [10, 1e3, 1e5]) {
      for (const zeroMass of zeroInflated ? [0.05, 0.5] : [0]) {
        const start = [unsquash(Math.log(alpha), LOG_ALPHA), unsquash(Math.log(beta), LOG_BETA)];
        if (zeroInflated) start.push(Math.log(zeroMass / (1 - zeroMass)));
        const result = nelderMead(negativeLogLikelihood, start, { maxIterations: 2000, minErrorDelta: 1e-10 });
        if (best === undefined || result.fx < best.fx) best = { x: result.x.slice(), fx: result.fx };
      }
    }
  }
  const found = best as { x: number[]; fx: number };
  return { ...decode(found.x), logLikelihood: -found.fx };
}
