import { describe, expect, it } from 'vitest';
import type { MetricValue } from '../metric-value.js';
import { simulatedDraws } from '../testing/simulated-costs.js';
import type { CaseCosts } from './case-costs.js';
import { costPerSuccess } from './cost-per-success.js';

const defined = (value: MetricValue) => {
  if (!value.defined) throw new Error(`undefined: ${value.reason}`);
  return value;
};

const z = 1.959963984540054;

describe('cost per success', () => {
  it('is total dollars over total successes, with the delta-method interval over cases', () => {
    const cases: CaseCosts[] = [
      { caseId: 'a', n: 4, c: 2, costs: [0.1, 0.2, 0.3, 0.4] }, // 1.0 dollar
      { caseId: 'b', n: 3, c: 0, costs: [0.5, 0.5, 0.5, 0.5] }, // 2.0, one failed sample
      { caseId: 'c', n: 2, c: 2, costs: [0.5, 0.5] }, // 1.0
    ];
    const value = defined(costPerSuccess(cases));
    expect(value.value).toBeCloseTo(1, 15); // 4 dollars for 4 successes
    // Residuals Yᵢ − R·Xᵢ = −1, 2, −1 over X̄ = 4/3: −3/4, 3/2, −3/4; variance (9/16 + 9/4 + 9/16)/2 = 27/16.
    const standardError = Math.sqrt(27 / 16 / 3);
    expect(value.interval?.standardError).toBeCloseTo(standardError, 14);
    expect(value.interval?.lower).toBe(0); // 1 − 1.96 · 0.75 < 0
    expect(value.interval?.upper).toBeCloseTo(1 + z * standardError, 14);
    expect(value.interval?.method).toBe('cases');
  });

  it('is undefined without a success and refuses malformed cases', () => {
    expect(costPerSuccess([{ caseId: 'a', n: 3, c: 0, costs: [1, 1, 1] }])).toEqual({
      defined: false,
      reason: 'no success in 3 samples of 1 cases',
    });
    expect(costPerSuccess([])).toEqual({ defined: false, reason: 'no cases' });
    expect(() => costPerSuccess([{ caseId: 'a', n: 3, c: 4, costs: [1, 1, 1] }])).toThrow(/case "a": c must be/);
  });

  it('gives one case the interval of its mean cost over its successes per drawn sample', () => {
    const value = defined(costPerSuccess([{ caseId: 'a', n: 10, c: 5, costs: Array(10).fill(0.02) }]));
    expect(value.value).toBeCloseTo(0.04, 15);
    // Costs all equal: only the Wilson interval of 5 in 10 is left, inverted.
    const center = (0.5 + z ** 2 / 20) / (1 + z ** 2 / 10);
    const half = (z / (1 + z ** 2 / 10)) * Math.sqrt(0.25 / 10 + z ** 2 / 400);
    expect(value.interval?.lower).toBeCloseTo(0.02 / (center + half), 12);
    expect(value.interval?.upper).toBeCloseTo(0.02 / (center - half), 12);
    expect(value.interval?.method).toBe('case');
  });

  it('covers the true dollars per success at least 85% of the time at a nominal 95%', () => {
    // 400 suites of 20 cases, 10 samples each, p uniform in [0.05, 0.95], log-normal costs dearer on hard cases.
    // Two truths: the ratio over these 20 cases, and over all cases such suites are drawn from,
    // E[Y]/E[X] = 0.003 · e^{0.245} · (e^{0.95} − e^{0.05})/0.9 / 0.5 per success.
    const population = (0.003 * Math.exp(0.7 ** 2 / 2) * ((Math.exp(0.95) - Math.exp(0.05)) / 0.9)) / 0.5;
    const draws = simulatedDraws(29);
    const suites = 400;
    let covered = 0;
    let coveredPopulation = 0;
    let counted = 0;
    for (let suite = 0; suite < suites; suite++) {
      const cases: CaseCosts[] = [];
      let trueDollars = 0;
      let trueSuccesses = 0;
      for (let index = 0; index < 20; index++) {
        const p = 0.05 + 0.9 * draws.uniform();
        const mu = Math.log(0.003) + (1 - p);
        const costs = Array.from({ length: 10 }, () => draws.logNormal(mu, 0.7));
        cases.push({ caseId: `case${index}`, n: 10, c: draws.binomial(10, p), costs });
        trueDollars += 10 * Math.exp(mu + 0.7 ** 2 / 2);
        trueSuccesses += 10 * p;
      }
      const value = costPerSuccess(cases);
      if (!value.defined || !value.interval) continue;
      counted++;
      const truth = trueDollars / trueSuccesses;
      if (value.interval.lower <= truth && truth <= value.interval.upper) covered++;
      if (value.interval.lower <= population && population <= value.interval.upper) coveredPopulation++;
    }
    expect(counted).toBe(suites);
    // Measured: 1 for the suites' own cases (the interval holds the spread over cases too), 0.92 for the population.
    expect(covered / counted).toBeGreaterThanOrEqual(0.85);
    expect(coveredPopulation / counted).toBeGreaterThanOrEqual(0.85);
  });
});
