import { describe, expect, it } from 'vitest';
import type { CountMetric } from '../../program/program.js';
import { passAtK } from '../../stats/pass-at-k.js';
import { passHatK } from '../../stats/pass-hat-k.js';
import { estimatorVariance, expectedEstimatorVariance } from './estimator-variance.js';

const passAt = (k: number): CountMetric => ({ name: 'pass@k', k });
const passHat = (k: number): CountMetric => ({ name: 'pass^k', k });

/** Var of the estimator by its definition: the sum over c of the binomial mass times the squared deviation. */
function directVariance(metric: CountMetric, n: number, p: number): number {
  const estimator = metric.name === 'pass@k' ? passAtK : passHatK;
  let logChoose = 0;
  let first = 0;
  let second = 0;
  for (let c = 0; c <= n; c++) {
    if (c > 0) logChoose += Math.log((n - c + 1) / c);
    const mass =
      p === 0
        ? c === 0
          ? 1
          : 0
        : p === 1
          ? c === n
            ? 1
            : 0
          : Math.exp(logChoose + c * Math.log(p) + (n - c) * Math.log1p(-p));
    const value = estimator(n, c, metric.k);
    first += mass * value;
    second += mass * value * value;
  }
  return second - first * first;
}

/** ∫ f(p) Beta(p; a, b) dp by the midpoint rule on a grid fine enough for smooth f and a, b ≥ 1. */
function betaAverage(f: (p: number) => number, a: number, b: number): number {
  const steps = 4000;
  let weighted = 0;
  let total = 0;
  for (let step = 0; step < steps; step++) {
    const p = (step + 0.5) / steps;
    const density = Math.exp((a - 1) * Math.log(p) + (b - 1) * Math.log1p(-p));
    weighted += density * f(p);
    total += density;
  }
  return weighted / total;
}

describe('estimatorVariance', () => {
  it('equals the variance summed over c ~ Binomial(n, p), for pass@k and pass^k', () => {
    for (const n of [1, 2, 5, 12, 40]) {
      for (const k of [1, 2, 3, 5, 10]) {
        if (k > n) continue;
        for (const p of [0, 0.001, 0.1, 0.37, 0.5, 0.9, 1]) {
          for (const metric of [passAt(k), passHat(k)]) {
            const direct = directVariance(metric, n, p);
            expect(estimatorVariance(metric, n, p), `${metric.name} n=${n} k=${k} p=${p}`).toBeCloseTo(direct, 13);
          }
        }
      }
    }
  });

  it('is p(1 − p)/n at k = 1 and u^k(1 − u^k) at k = n', () => {
    expect(estimatorVariance(passAt(1), 50, 0.3)).toBeCloseTo((0.3 * 0.7) / 50, 15);
    expect(estimatorVariance(passHat(4), 4, 0.6)).toBeCloseTo(0.6 ** 4 * (1 - 0.6 ** 4), 15);
  });

  it('keeps its digits for tiny p and large n', () => {
    // Near p = 0, Var(pass@k) ≈ k² p / n.
    const value = estimatorVariance(passAt(10), 100_000, 1e-9);
    expect(value / ((100 * 1e-9) / 100_000)).toBeCloseTo(1, 4);
  });

  it('refuses k > n', () => {
    expect(() => estimatorVariance(passAt(10), 5, 0.5)).toThrow(/needs n ≥ k/);
  });
});

describe('expectedEstimatorVariance', () => {
  it('equals estimatorVariance averaged over the Beta belief', () => {
    for (const [a, b] of [
      [1, 1],
      [3.5, 8.5],
      [20.5, 2.5],
    ] as const) {
      for (const metric of [passAt(1), passAt(5), passHat(3)]) {
        const direct = betaAverage((p) => estimatorVariance(metric, 20, p), a, b);
        expect(expectedEstimatorVariance(metric, 20, { alpha: a, beta: b })).toBeCloseTo(direct, 7);
      }
    }
  });

  it('is never 0 for a case with no successes, unlike the plug-in p = c/n', () => {
    expect(estimatorVariance(passAt(10), 50, 0)).toBe(0);
    expect(expectedEstimatorVariance(passAt(10), 50, { alpha: 0.5, beta: 50.5 })).toBeGreaterThan(1e-3);
  });
});
