import { CompensatedSum } from './compensated-sum.js';
import { logHypergeometricMass } from './log-hypergeometric-mass.js';

/*
 * Sums over the hypergeometric distribution of X, the successes among k of n samples drawn without replacement
 * when c of the n succeeded. Both sum terms moving away from the mode, where they shrink, so the sum can stop
 * once a geometric bound on the rest is below 1e-17 of it (the mass is log-concave: each step's ratio is
 * smaller than the last). Each term is computed afresh by the saddle-point mass, so errors do not accumulate.
 * Arguments are trusted: callers check them.
 */

/** P(X ≥ m): the chance that at least m of the k draws succeed. */
export function hypergeometricUpperTail(n: number, c: number, k: number, m: number): number {
  const { lowest, highest, mode } = support(n, c, k);
  if (m <= lowest) return 1;
  if (m > highest) return 0;
  if (m > mode) return sumAwayFromMode(n, c, k, m, 1, 0);
  return clampProbability(1 - sumAwayFromMode(n, c, k, m - 1, -1, 0));
}

/**
 * Σ_{m=a..k} P(X ≥ m) = E[(X − a + 1)⁺]: the sum of upper tails that mG-Pass@k averages. Below the mode it
 * is written as E[X] − (a − 1) + Σ_{j ≤ a−2} (a − 1 − j) P(X = j), a short sum of small terms.
 */
export function hypergeometricTailSum(n: number, c: number, k: number, a: number): number {
  const { lowest, highest, mode } = support(n, c, k);
  if (a > highest) return 0;
  const mean = (k * c) / n;
  if (a <= lowest) return mean - (a - 1);
  if (a > mode) return sumAwayFromMode(n, c, k, a, 1, 1);
  return Math.max(0, mean - (a - 1) + sumAwayFromMode(n, c, k, a - 2, -1, 1));
}

function support(n: number, c: number, k: number): { lowest: number; highest: number; mode: number } {
  return {
    lowest: Math.max(0, k - (n - c)),
    highest: Math.min(c, k),
    mode: Math.floor(((k + 1) * (c + 1)) / (n + 2)),
  };
}

/** Σ_t (1 + slope·t) P(X = start + t·direction) over the support, from a start at or beyond the mode. */
function sumAwayFromMode(n: number, c: number, k: number, start: number, direction: 1 | -1, slope: 0 | 1): number {
  const { lowest, highest } = support(n, c, k);
  const sum = new CompensatedSum();
  let previous = 0;
  for (let t = 0, j = start; j >= lowest && j <= highest; t++, j += direction) {
    const mass = Math.exp(logHypergeometricMass(n, c, k, j));
    const weight = 1 + slope * t;
    sum.add(weight * mass);
    if (mass === 0) break;
    if (t > 0) {
      const ratio = mass / previous;
      const rest = ratio < 1 ? mass * ((weight * ratio) / (1 - ratio) + (slope * ratio) / (1 - ratio) ** 2) : 1;
      if (rest <= 1e-17 * sum.value) break;
    }
    previous = mass;
  }
  return sum.value;
}

function clampProbability(value: number): number {
  return Math.min(1, Math.max(0, value));
}
