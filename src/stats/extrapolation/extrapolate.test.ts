import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../seeded-random.js';
import { betaPassAtK } from './beta-binomial.js';
import { extrapolate } from './extrapolate.js';
import { fitBetaBinomial } from './fit-beta-binomial.js';
import { fitPowerLaw } from './power-law.js';

/** A Beta(α, β) draw by Jöhnk's method, from two gamma draws (Marsaglia–Tsang with boosting for shape < 1). */
function gammaDraw(shape: number, random: () => number): number {
  if (shape < 1) return gammaDraw(shape + 1, random) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      // Box–Muller normal.
      x = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      v = 1 + c * x;
    } while (v <= 0);
    v = v ** 3;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

interface SimulatedCase {
  n: number;
  c: number;
  p: number;
}

/** Cases from the zero-inflated beta-binomial itself: p = 0 with probability π0, else Beta(α, β). */
function simulate(
  cases: number,
  n: number,
  model: { zeroMass: number; alpha: number; beta: number },
  seed: number,
): SimulatedCase[] {
  const random = createSeededRandom(seed);
  return Array.from({ length: cases }, () => {
    let p = 0;
    if (random() >= model.zeroMass) {
      const x = gammaDraw(model.alpha, random);
      p = x / (x + gammaDraw(model.beta, random));
    }
    let c = 0;
    for (let i = 0; i < n; i++) if (random() < p) c++;
    return { n, c, p };
  });
}

const counts = (cases: SimulatedCase[]) => cases.map(({ n, c }) => ({ n, c }));

describe('betaPassAtK', () => {
  it('is K/(K + 1) for the uniform distribution', () => {
    for (const k of [1, 10, 1000, 1e6]) expect(betaPassAtK(1, 1, k)).toBeCloseTo(k / (k + 1), 12);
  });

  it('stays accurate for tiny α and huge K', () => {
    // For Beta(α, 1), 1 − pass@K = Γ(1+K)Γ(1+α)/Γ(1+α+K) ≈ Γ(1+α)·K^(−α), with Γ(1.01) = 0.9943258512.
    expect(betaPassAtK(0.01, 1, 1e9)).toBeCloseTo(1 - 0.9943258512 * 1e9 ** -0.01, 6);
  });
});

describe('fitBetaBinomial', () => {
  it('recovers the parameters of a plain beta-binomial it simulated', () => {
    const fit = fitBetaBinomial(counts(simulate(800, 100, { zeroMass: 0, alpha: 0.5, beta: 5 }, 11)));
    expect(fit.alpha).toBeGreaterThan(0.4);
    expect(fit.alpha).toBeLessThan(0.62);
    expect(fit.alpha / (fit.alpha + fit.beta)).toBeCloseTo(0.5 / 5.5, 1);
  });

  it('recovers the zero mass of a zero-inflated beta-binomial', () => {
    const fit = fitBetaBinomial(counts(simulate(600, 200, { zeroMass: 0.3, alpha: 2, beta: 6 }, 12)), {
      zeroInflated: true,
    });
    expect(fit.zeroMass).toBeGreaterThan(0.25);
    expect(fit.zeroMass).toBeLessThan(0.35);
    expect(fit.alpha).toBeGreaterThan(1.4);
    expect(fit.alpha).toBeLessThan(2.8);
  });
});

describe('fitPowerLaw', () => {
  it('predicts 0 and reports no parameters when no case succeeded', () => {
    const law = fitPowerLaw([
      { n: 50, c: 0 },
      { n: 60, c: 0 },
    ]);
    expect(law.parameters).toBeUndefined();
    expect(law.predict(1e6)).toBe(0);
  });
});

describe('extrapolate', () => {
  const zeroInflated = simulate(300, 200, { zeroMass: 0.3, alpha: 2, beta: 6 }, 21);
  const ks = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];
  const result = extrapolate(counts(zeroInflated), { ks, seed: 3 });

  it('estimates pass@∞ as the share of cases with p > 0, with an interval holding it', () => {
    const truth = zeroInflated.filter(({ p }) => p > 0).length / zeroInflated.length;
    expect(result.passAtInfinity.estimate).toBeCloseTo(truth, 1);
    expect(result.passAtInfinity.lower).toBeLessThanOrEqual(truth);
    expect(result.passAtInfinity.upper).toBeGreaterThanOrEqual(truth);
  });

  it("reaches pass@∞'s lower end down to the share of cases that ever succeeded, which holds the truth", () => {
    // Few samples per case, a quarter of the cases unsolvable, and the solvable ones mostly easy: the model's prior
    // puts π0 near 0, but whatever it says, the unsolvable cases are among the ones that never succeeded.
    const suite = simulate(40, 6, { zeroMass: 0.25, alpha: 2.5, beta: 0.4 }, 5);
    const fitted = extrapolate(counts(suite), { ks: [1], level: 0.95, seed: 1 }).passAtInfinity;
    const solvedShare = suite.filter(({ c }) => c > 0).length / suite.length;
    const truth = suite.filter(({ p }) => p > 0).length / suite.length;
    expect(fitted.lower).toBeLessThanOrEqual(solvedShare);
    expect(fitted.lower).toBeLessThanOrEqual(truth);
    expect(fitted.upper).toBeGreaterThanOrEqual(truth);
    expect(solvedShare).toBeLessThan(0.8);
  });

  it('predicts pass@K close to the expectation over the simulated p', () => {
    for (const { k, lower, upper } of result.passAtK) {
      const truth = zeroInflated.reduce((sum, { p }) => sum - Math.expm1(k * Math.log1p(-p)), 0) / zeroInflated.length;
      expect(lower).toBeLessThanOrEqual(truth + 1e-9);
      expect(upper).toBeGreaterThanOrEqual(truth - 1e-9);
    }
  });

  it('gives pass@K that grows with K and stays below pass@∞', () => {
    const estimates = result.passAtK.map(({ estimate }) => estimate);
    for (let j = 1; j < estimates.length; j++) expect(estimates[j]).toBeGreaterThanOrEqual(estimates[j - 1] as number);
    expect(estimates.at(-1)).toBeLessThanOrEqual(result.passAtInfinity.upper + 1e-12);
  });

  it('returns intervals that contain their estimates', () => {
    for (const entry of [...result.passAtK, result.passAtInfinity]) {
      expect(entry.lower).toBeLessThanOrEqual(entry.estimate);
      expect(entry.estimate).toBeLessThanOrEqual(entry.upper);
      expect(entry.lower).toBeGreaterThanOrEqual(0);
      expect(entry.upper).toBeLessThanOrEqual(1);
    }
  });

  it('extrapolates a sparse, small-α population far beyond n', () => {
    // 100 samples per case, p of order 10^-3: most cases never succeed, yet most would by K = 10,000.
    const sparse = simulate(200, 100, { zeroMass: 0, alpha: 0.3, beta: 300 }, 31);
    const truth = sparse.reduce((sum, { p }) => sum - Math.expm1(10_000 * Math.log1p(-p)), 0) / sparse.length;
    const [prediction] = extrapolate(counts(sparse), { ks: [10_000], seed: 1 }).passAtK;
    // 100 draws of p ~ 10^-3 say little about α: the prior's view of it matters.
    expect(Math.abs((prediction?.estimate ?? 0) - truth)).toBeLessThan(0.12);
    expect(prediction?.lower).toBeLessThanOrEqual(truth);
    expect(prediction?.upper).toBeGreaterThanOrEqual(truth);
  });

  it('lets the data speak on a population far from language models: homogeneous α = 2, 40% never solvable', () => {
    // 100 cases × 100 draws, p ~ Beta(2, 98) on the solvable 60%: a quarter of the solvable cases show no success,
    // so pass@10,000 (about 0.6) hinges on telling them from the unsolvable ones by the shape of the counts.
    const oldPrior = {
      alphaMedian: 0.4,
      alphaLogSd: 0.35,
      zeroMassRate: 30,
      zeroPointMass: 0.5,
      alphaMixture: { weight: 0, median: 1, logSd: 1 },
    };
    const errors = { now: 0, old: 0 };
    let covered = 0;
    let unsolvable = 0;
    const seeds = [61, 62, 63, 64];
    for (const seed of seeds) {
      const suite = simulate(100, 100, { zeroMass: 0.4, alpha: 2, beta: 98 }, seed);
      const truth = suite.reduce((sum, { p }) => sum - Math.expm1(10_000 * Math.log1p(-p)), 0) / suite.length;
      const now = extrapolate(counts(suite), { ks: [10_000], seed, resamples: 20 });
      const [prediction] = now.passAtK;
      errors.now += Math.abs((prediction?.estimate ?? 0) - truth) / seeds.length;
      if ((prediction?.lower ?? 1) <= truth && truth <= (prediction?.upper ?? 0)) covered++;
      unsolvable += now.method.evidence.unsolvable / seeds.length;
      const old = extrapolate(counts(suite), { ks: [10_000], seed, resamples: 10, prior: oldPrior });
      errors.old += Math.abs((old.passAtK[0]?.estimate ?? 0) - truth) / seeds.length;
    }
    // The earlier default prior (tight around α = 0.4, steep against π0 > 0) called the unseen cases solvable.
    expect(errors.old).toBeGreaterThan(0.2);
    expect(errors.now).toBeLessThan(0.15);
    expect(errors.now).toBeLessThan(errors.old / 2);
    expect(covered).toBeGreaterThanOrEqual(3);
    // The data show the never-solvable cases, and the result says so.
    expect(unsolvable).toBeGreaterThan(0.7);
  });

  it('keeps 0 inside every interval when no case succeeded', () => {
    const none = extrapolate(
      Array.from({ length: 50 }, () => ({ n: 100, c: 0 })),
      { ks: [1000] },
    );
    expect(none.passAtK[0]?.lower).toBe(0);
    expect(none.passAtInfinity.lower).toBe(0);
    expect(none.passAtK[0]?.upper).toBeGreaterThan(0);
  });

  it('uses the distributional model for K beyond the 4-fold range the cross-fit tests', () => {
    // The cross-fit fits on n/4 and checks up to n; its verdict says nothing about K = 10^6 from n = 200.
    expect(result.method.crossFitError).toBeDefined();
    expect(result.method.selected).toBe('beta-binomial');
  });

  it('is deterministic given the seed', () => {
    const cases = counts(zeroInflated.slice(0, 30));
    const options = { ks: [500], seed: 9, resamples: 20 };
    expect(extrapolate(cases, options)).toEqual(extrapolate(cases, options));
  });

  it('refuses bad input with a message that says what to fix', () => {
    expect(() => extrapolate([], { ks: [10] })).toThrow(/at least one case/);
    expect(() => extrapolate([{ n: 10, c: 11 }], { ks: [10] })).toThrow(/case 0 has c = 11/);
    expect(() => extrapolate([{ n: 2.5, c: 1 }], { ks: [10] })).toThrow(/n must be a positive integer/);
    expect(() => extrapolate([{ n: 10, c: 1 }], { ks: [0] })).toThrow(/positive integer, got 0/);
    expect(() => extrapolate([{ n: 10, c: 1 }], { ks: [] })).toThrow(/at least one K/);
    expect(() => extrapolate([{ n: 10, c: 1 }], { ks: [10], level: 1.5 })).toThrow(/level must be in \(0, 1\)/);
    expect(() => extrapolate([{ n: 10, c: 1 }], { ks: [10], prior: { alphaMedian: -1 } })).toThrow(/prior/);
  });
});
