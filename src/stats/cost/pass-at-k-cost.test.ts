import { describe, expect, it } from 'vitest';
import { passAtK } from '../pass-at-k.js';
import { simulatedDraws } from '../testing/simulated-costs.js';
import type { CaseCosts } from './case-costs.js';
import { type PassAtKCost, passAtKCost } from './pass-at-k-cost.js';

const defined = (curve: PassAtKCost) => {
  if (!curve.defined) throw new Error(`undefined: ${curve.reason}`);
  return curve;
};

const cases: CaseCosts[] = [
  { caseId: 'a', n: 8, c: 2, costs: Array(8).fill(0.01) },
  { caseId: 'b', n: 5, c: 1, costs: [0.02, 0.02, 0.02, 0.02, 0.02, 0.05] }, // mean 0.025, one failed sample
  { caseId: 'c', n: 6, c: 6, costs: Array(6).fill(0.001) },
];

describe('pass@k cost', () => {
  it('gives pass@k, k × the mean cost and their ratio at k = 1, 2, 4 up to the fewest samples', () => {
    const curve = defined(passAtKCost(cases));
    expect(curve.points.map((point) => point.k)).toEqual([1, 2, 4]);
    for (const point of curve.points) {
      const { k } = point;
      const pass = (passAtK(8, 2, k) + passAtK(5, 1, k) + passAtK(6, 6, k)) / 3;
      const cost = (k * (0.01 + 0.025 + 0.001)) / 3;
      expect(point.passAtK).toBeCloseTo(pass, 14);
      expect(point.cost).toBeCloseTo(cost, 15);
      if (!point.solvedPerDollar.defined) throw new Error(point.solvedPerDollar.reason);
      expect(point.solvedPerDollar.value).toBeCloseTo(pass / cost, 9);
      expect(point.solvedPerDollar.interval?.lower).toBeLessThanOrEqual(point.solvedPerDollar.value);
      expect(point.solvedPerDollar.interval?.upper).toBeGreaterThanOrEqual(point.solvedPerDollar.value);
    }
    // Without a fixed cost, pass@k / k only falls: one attempt solves the most per dollar.
    expect(curve.best?.k).toBe(1);
  });

  it('finds a larger best k when each case has a fixed cost', () => {
    // Case a: pass@k for 2 of 8 is 1/4, 13/28, 11/14, 1 at k = 1, 2, 4, 8; one sample costs 0.01, the case 1 dollar.
    const twins = [cases[0] as CaseCosts, { ...(cases[0] as CaseCosts), caseId: 'a2' }];
    const curve = defined(passAtKCost(twins, { fixedCostPerCase: 1 }));
    const ratios = [1, 2, 4, 8].map((k) => passAtK(8, 2, k) / (1 + 0.01 * k));
    expect(curve.points.map((point) => (point.solvedPerDollar.defined ? point.solvedPerDollar.value : 0))).toEqual(
      ratios.map((ratio) => expect.closeTo(ratio, 12)),
    );
    expect(curve.best?.k).toBe(8);
  });

  it('is deterministic for a seed and refuses bad options', () => {
    expect(passAtKCost(cases, { seed: 4 })).toEqual(passAtKCost(cases, { seed: 4 }));
    expect(passAtKCost(cases, { seed: 4 })).not.toEqual(passAtKCost(cases, { seed: 5 }));
    expect(() => passAtKCost(cases, { fixedCostPerCase: -1 })).toThrow(/fixed cost per case must be/);
  });

  it('says why there is no curve or no ratio', () => {
    expect(passAtKCost([])).toEqual({ defined: false, reason: 'no cases' });
    expect(passAtKCost([{ caseId: 'x', n: 0, c: 0, costs: [0.1] }])).toEqual({
      defined: false,
      reason: 'case "x" has no scored samples',
    });
    const free = defined(passAtKCost([{ caseId: 'x', n: 2, c: 1, costs: [0, 0] }]));
    expect(free.best).toBeUndefined();
    expect(free.points[0]?.solvedPerDollar).toEqual({
      defined: false,
      reason: '1 attempts per case cost nothing, so cases per dollar has no value',
    });
    const one = defined(passAtKCost([{ caseId: 'x', n: 2, c: 1, costs: [0.5, 0.5] }]));
    expect(one.points[0]?.solvedPerDollar).toEqual({ defined: true, value: 1 });
  });

  it('covers the true cases per dollar at k = 2 at least 85% of the time at a nominal 95%', () => {
    // 200 suites of 30 cases with p uniform in [0, 1] and log-normal costs (mean 0.01 · e^{0.08}); the truth over
    // the population is E[1 − (1 − p)²] / (2 · mean cost) = (2/3) / (0.02 · e^{0.08}).
    const draws = simulatedDraws(41);
    const truth = 2 / 3 / (0.02 * Math.exp(0.4 ** 2 / 2));
    let covered = 0;
    for (let suite = 0; suite < 200; suite++) {
      const simulated = Array.from({ length: 30 }, (_, index): CaseCosts => {
        const p = draws.uniform();
        const costs = Array.from({ length: 4 }, () => draws.logNormal(Math.log(0.01), 0.4));
        return { caseId: `case${index}`, n: 4, c: draws.binomial(4, p), costs };
      });
      const point = defined(passAtKCost(simulated, { resamples: 200, seed: suite })).points[1];
      const ratio = point?.solvedPerDollar;
      if (ratio?.defined && ratio.interval && ratio.interval.lower <= truth && truth <= ratio.interval.upper) covered++;
    }
    // Measured: 0.93.
    expect(covered / 200).toBeGreaterThanOrEqual(0.85);
  });
});
