import { describe, expect, test } from 'vitest';
import { createSeededRandom } from '../seeded-random.js';
import { suiteSolveProbability } from '../suite-solve-probability.js';
import { betaDraw } from './beta-draw.js';
import {
  compareSuiteK,
  sampleSuiteSolveCurve,
  suiteCappedMeanOfProbabilities,
  suiteK,
  suiteKOfProbabilities,
  zeroInflatedPosteriorDraws,
} from './index.js';

function drawCounts(probabilities: readonly number[], n: number, random: () => number) {
  return probabilities.map((p) => {
    let c = 0;
    for (let j = 0; j < n; j++) if (random() < p) c++;
    return { n, c };
  });
}

describe('closed forms at known p', () => {
  test('suite_k@q is the smallest k whose solve chance reaches q, found by brute force', () => {
    const probabilities = [0.03, 0.2, 0.5, 0.9];
    for (const q of [0.1, 0.5, 0.9, 0.99]) {
      let k = 1;
      while (probabilities.reduce((product, p) => product * (1 - (1 - p) ** k), 1) < q) k++;
      expect(suiteKOfProbabilities(probabilities, q)).toBe(k);
    }
    expect(suiteKOfProbabilities([0.5, 0], 0.5)).toBe(Number.POSITIVE_INFINITY);
    expect(suiteKOfProbabilities([1, 1], 0.5)).toBe(1);
  });

  test('the capped mean sums the shortfall of the solve curve, to 1e-4 relative beyond the exact terms', () => {
    const probabilities = [0.003, 0.2, 0.5];
    for (const budget of [1, 10, 1000, 20000]) {
      let brute = 0;
      for (let k = 0; k < budget; k++) brute += 1 - probabilities.reduce((f, p) => f * (1 - (1 - p) ** k), 1);
      expect(suiteCappedMeanOfProbabilities(probabilities, budget)).toBeCloseTo(brute, budget > 256 ? 1 : 10);
      expect(Math.abs(suiteCappedMeanOfProbabilities(probabilities, budget) / brute - 1)).toBeLessThan(1e-4);
    }
    expect(suiteCappedMeanOfProbabilities([0.5, 0], 50)).toBe(50);
  });

  test('the sample curve is Π pass@k over the cases, k from 0 to the fewest samples', () => {
    const cases = [
      { n: 10, c: 3 },
      { n: 12, c: 12 },
      { n: 10, c: 1 },
      { n: 11, c: 10 },
    ];
    const curve = sampleSuiteSolveCurve(cases);
    expect(curve.length).toBe(11);
    expect(curve[0]).toBe(0);
    for (let k = 1; k <= 10; k++) expect(curve[k]).toBeCloseTo(suiteSolveProbability(cases, k), 12);
  });
});

describe('suiteK', () => {
  test('matches the closed form on cases of known p: the curve is unbiased, the median is near', () => {
    const random = createSeededRandom(7);
    const probabilities = [0.05, 0.1, 0.3, 0.6, 0.9];
    const reps = 300;
    const mean = new Float64Array(51);
    for (let r = 0; r < reps; r++) {
      const curve = sampleSuiteSolveCurve(drawCounts(probabilities, 50, random));
      curve.forEach((value, k) => {
        mean[k] = (mean[k] as number) + value / reps;
      });
    }
    for (const k of [5, 20, 50]) {
      const truth = Math.exp(probabilities.reduce((s, p) => s + Math.log(1 - (1 - p) ** k), 0));
      expect(Math.abs((mean[k] as number) - truth)).toBeLessThan(0.02);
    }
    const truth = suiteKOfProbabilities(probabilities, 0.5);
    const result = suiteK(drawCounts(probabilities, 4000, random), { draws: 100 });
    expect(result.quantile.beyondSamples).toBe(false);
    expect(Math.abs(result.quantile.estimate - truth)).toBeLessThanOrEqual(1);
    expect(result.quantile.lower).toBeLessThanOrEqual(truth);
    expect(result.quantile.upper).toBeGreaterThanOrEqual(truth);
  });

  test('its 90% intervals cover the truth at n = 100 per case at least 85% of the time', () => {
    const random = createSeededRandom(11);
    const reps = 40;
    let quantileCovered = 0;
    let meanCovered = 0;
    for (let r = 0; r < reps; r++) {
      // Half the suites uniform in p, half with most cases near p = 0.02 (about 2 successes in 100), where the
      // hardest cases decide suite_k and each case's posterior alone would put its lower end too high.
      const probabilities = Array.from({ length: 20 }, () =>
        r % 2 === 0 ? 0.03 + 0.94 * random() : 0.02 + 0.96 * random() ** (1 / 0.3) * (1 - random() ** (1 / 3)),
      );
      const result = suiteK(drawCounts(probabilities, 100, random), { level: 0.9, seed: r, draws: 200 });
      const truth = suiteKOfProbabilities(probabilities, 0.5);
      const truthMean = suiteCappedMeanOfProbabilities(probabilities, 101);
      if (result.quantile.lower <= truth && truth <= result.quantile.upper) quantileCovered++;
      if (result.cappedMean.lower <= truthMean && truthMean <= result.cappedMean.upper) meanCovered++;
    }
    expect(quantileCovered / reps).toBeGreaterThanOrEqual(0.85);
    expect(meanCovered / reps).toBeGreaterThanOrEqual(0.85);
  });

  test('a case that never succeeded may be unsolvable: the upper end, or the estimate, is beyond', () => {
    const cases = [...Array.from({ length: 30 }, () => ({ n: 50, c: 0 })), { n: 50, c: 40 }];
    const result = suiteK(cases, { draws: 100 });
    expect(result.solvedWithinSamples).toBe(0);
    expect(result.quantile.beyondSamples).toBe(true);
    expect(result.quantile.upper).toBe(Number.POSITIVE_INFINITY);
    expect(result.cappedMean.estimate).toBe(51);
  });

  test('beyond the samples, the capped mean comes from the model and is flagged so', () => {
    const cases = [
      { n: 20, c: 1 },
      { n: 20, c: 10 },
    ];
    const result = suiteK(cases, { budget: 200, draws: 200, posterior: zeroInflatedPosteriorDraws });
    expect(result.cappedMean.beyondSamples).toBe(true);
    expect(result.cappedMean.estimate).toBeGreaterThan(21 - 20 * result.solvedWithinSamples);
    expect(result.cappedMean.estimate).toBeLessThanOrEqual(200);
    expect(result.cappedMean.lower).toBeLessThanOrEqual(result.cappedMean.estimate);
  });

  test('rejects bad input with the field named', () => {
    expect(() => suiteK([])).toThrow(/at least one case/);
    expect(() => suiteK([{ n: 10, c: 11 }])).toThrow(/case 0/);
    expect(() => suiteK([{ n: 10, c: 1 }], { quantile: 1 })).toThrow(/quantile/);
    expect(() => suiteK([{ n: 10, c: 1 }], { budget: 0 })).toThrow(/budget/);
  });
});

describe('betaDraw', () => {
  test('has the mean and variance of Beta(a, b), down to tiny shapes', () => {
    const random = createSeededRandom(3);
    for (const [a, b] of [
      [0.5, 100.5],
      [3, 7],
      [0.05, 1000],
    ] as const) {
      const draws = Array.from({ length: 50_000 }, () => betaDraw(a, b, random));
      const mean = draws.reduce((sum, x) => sum + x, 0) / draws.length;
      const variance = draws.reduce((sum, x) => sum + (x - mean) ** 2, 0) / draws.length;
      expect(mean / (a / (a + b))).toBeCloseTo(1, 1);
      expect(variance / ((a * b) / ((a + b) ** 2 * (a + b + 1)))).toBeCloseTo(1, 0);
    }
  });
});

describe('compareSuiteK', () => {
  test('says which side needs fewer attempts when the ratio’s interval excludes 1', () => {
    const easy = Array.from({ length: 10 }, () => ({ n: 50, c: 40 }));
    const hard = Array.from({ length: 10 }, () => ({ n: 50, c: 5 }));
    const comparison = compareSuiteK(easy, hard, { draws: 200 });
    expect(comparison.a.estimate).toBeLessThan(comparison.b.estimate);
    expect(comparison.ratio.lower).toBeGreaterThan(1);
    expect(comparison.fewer).toBe('a');
    expect(compareSuiteK(easy, easy, { draws: 200 }).fewer).toBe('neither');
  });
});

describe('the ends of suiteK', () => {
  test('lie in [1, B] for the capped mean and from 1 for suite_k', () => {
    const random = createSeededRandom(21);
    for (let r = 0; r < 20; r++) {
      const cases = Array.from({ length: 8 }, () => ({ n: 20, c: Math.floor(random() * 21) }));
      const result = suiteK(cases, { draws: 100, seed: r });
      expect(result.cappedMean.lower).toBeGreaterThanOrEqual(1);
      expect(result.cappedMean.upper).toBeLessThanOrEqual(21);
      expect(result.cappedMean.estimate).toBeLessThanOrEqual(21);
      expect(result.quantile.lower).toBeGreaterThanOrEqual(1);
      expect(result.quantile.lower).toBeLessThanOrEqual(result.quantile.estimate);
      expect(result.quantile.upper).toBeGreaterThanOrEqual(result.quantile.estimate);
    }
  });
});
