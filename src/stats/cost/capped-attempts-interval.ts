import { cappedAttempts } from '../capped-attempts.js';
import { proportionInterval } from '../proportion-interval.js';
import type { EstimateInterval } from './estimate-interval.js';

/** E[min(T, B)] for a geometric number of attempts T with success probability p: Σ_{j<B} (1 − p)^j. */
export function expectedCappedAttempts(p: number, budget: number): number {
  return p === 0 ? budget : -Math.expm1(budget * Math.log1p(-p)) / p;
}

/**
 * The capped expected attempts of a case (`cappedAttempts(n, c, B)`) with the interval the runner's `attempts`
 * metric has: the Wilson interval of the case's success probability mapped through Σ_{j<B} (1 − p)^j, which falls
 * as p rises, so the upper end of p gives the lower end of the attempts. Counts are checked by `cappedAttempts`.
 */
export function cappedAttemptsInterval(n: number, c: number, budget: number, level = 0.95): EstimateInterval {
  const value = cappedAttempts(n, c, budget);
  const p = proportionInterval(c, n, level);
  return {
    value,
    lower: Math.max(1, Math.min(value, expectedCappedAttempts(p.upper, budget))),
    upper: Math.min(budget, Math.max(value, expectedCappedAttempts(p.lower, budget))),
    level,
  };
}
