import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planSampleSize } from './plan-sample-size.js';

describe('sample-size planner', () => {
  // (z_0.975 + z_0.8)² = 7.848879734349089; /0.03² = 8720.977…
  const base = { effect: 0.03, betweenCaseVariance: 0.05, withinCaseVariance: 0.3 };

  it('works the example: δ = 0.03, ω² = 0.05, σ² = 0.3, α = 0.05, power 0.8', () => {
    const single = planSampleSize(base); // 8720.98 × 0.35 = 3052.34
    expect(single).toMatchObject({ cases: 3053, samplesPerCase: 1, totalSamples: 3053, minimumCases: 437 });
    expect(single.power).toBeGreaterThanOrEqual(0.8);
    expect(single.power).toBeLessThan(0.8001);
    const ten = planSampleSize({ ...base, samplesPerCase: 10 }); // 8720.98 × 0.08 = 697.68
    expect(ten).toMatchObject({ cases: 698, samplesPerCase: 10, totalSamples: 6980 });
    const fixed = planSampleSize({ ...base, cases: 1000 }); // K = 0.3/(1000/8720.98 − 0.05) = 4.64
    expect(fixed).toMatchObject({ cases: 1000, samplesPerCase: 5 });
    expect(fixed.power).toBeGreaterThanOrEqual(0.8);
  });

  it('only computes the power when given both cases and samples per case', () => {
    const plan = planSampleSize({ ...base, cases: 3053, samplesPerCase: 1 });
    expect(plan.power).toBeCloseTo(0.8, 3);
    expect(planSampleSize({ ...base, cases: 100, samplesPerCase: 1 }).power).toBeLessThan(0.2);
  });

  it('needs more cases for smaller effects, more power, a stricter α, and fewer samples per case', () => {
    const query = fc.record({
      effect: fc.double({ min: 0.01, max: 0.3, noNaN: true }),
      betweenCaseVariance: fc.double({ min: 0, max: 0.25, noNaN: true }),
      withinCaseVariance: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
      alpha: fc.double({ min: 0.001, max: 0.2, noNaN: true }),
      power: fc.double({ min: 0.5, max: 0.99, noNaN: true }),
      samplesPerCase: fc.integer({ min: 1, max: 50 }),
    });
    fc.assert(
      fc.property(query, (q) => {
        const cases = planSampleSize(q).cases;
        expect(planSampleSize({ ...q, effect: q.effect / 2 }).cases).toBeGreaterThanOrEqual(cases);
        expect(planSampleSize({ ...q, power: Math.min(0.999, q.power + 0.05) }).cases).toBeGreaterThanOrEqual(cases);
        expect(planSampleSize({ ...q, alpha: q.alpha / 2 }).cases).toBeGreaterThanOrEqual(cases);
        expect(planSampleSize({ ...q, samplesPerCase: q.samplesPerCase + 1 }).cases).toBeLessThanOrEqual(cases);
        expect(cases).toBeGreaterThanOrEqual(planSampleSize(q).minimumCases);
      }),
    );
  });

  it('picks the fewest samples per case that reach the power for a fixed number of cases', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.02, max: 0.2, noNaN: true }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        fc.double({ min: 0.05, max: 0.5, noNaN: true }),
        (effect, betweenCaseVariance, withinCaseVariance) => {
          const query = { effect, betweenCaseVariance, withinCaseVariance };
          const { minimumCases } = planSampleSize(query);
          const plan = planSampleSize({ ...query, cases: minimumCases + 10 });
          expect(plan.power).toBeGreaterThanOrEqual(0.8 - 1e-9);
          if (plan.samplesPerCase > 1) {
            const fewer = planSampleSize({ ...query, cases: plan.cases, samplesPerCase: plan.samplesPerCase - 1 });
            expect(fewer.power).toBeLessThan(0.8 + 1e-9);
          }
        },
      ),
    );
  });

  it('refuses a number of cases that no amount of samples per case can rescue, naming the minimum', () => {
    expect(() => planSampleSize({ ...base, cases: 400 })).toThrow(/needs at least 437 cases/);
  });

  it('refuses arguments out of range', () => {
    expect(() => planSampleSize({ ...base, effect: 0 })).toThrow(/effect must be a positive number/);
    expect(() => planSampleSize({ ...base, alpha: 1 })).toThrow(/alpha/);
    expect(() => planSampleSize({ ...base, power: 0 })).toThrow(/power/);
    expect(() => planSampleSize({ ...base, withinCaseVariance: -1 })).toThrow(/withinCaseVariance/);
    expect(() => planSampleSize({ ...base, samplesPerCase: 0 })).toThrow(/samplesPerCase/);
  });
});
