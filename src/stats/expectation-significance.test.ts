import { describe, expect, it } from 'vitest';
import { expectationSignificance } from './expectation-significance.js';
import type { MetricValue } from './metric-value.js';
import { planSampleSize } from './plan-sample-size.js';

const observed = (value: number, lower: number, upper: number, between = 0.01, within = 0.2): MetricValue => ({
  defined: true,
  value,
  interval: { lower, upper, level: 0.95, standardError: (upper - lower) / 3.92, method: 'cases' },
  noise: { betweenCaseVariance: between, withinCaseVariance: within, cases: 40, samplesPerCase: 10 },
});

describe('the significance of an expectation', () => {
  it('is significant when the interval lies wholly on one side of the threshold', () => {
    expect(expectationSignificance(observed(0.4, 0.3, 0.5), '>=', 0.6)).toEqual({ verdict: 'significant' });
    expect(expectationSignificance(observed(0.8, 0.7, 0.9), '>=', 0.6)).toEqual({ verdict: 'significant' });
    expect(expectationSignificance(observed(0.4, 0.3, 0.5), '<', 0.3)).toEqual({ verdict: 'significant' });
  });

  it('could be noise when the interval reaches across, with the samples per case that would decide it', () => {
    const result = expectationSignificance(observed(0.55, 0.45, 0.65), '>=', 0.6);
    const plan = planSampleSize({ effect: 0.05, betweenCaseVariance: 0.01, withinCaseVariance: 0.2, cases: 40 });
    expect(result).toEqual({ verdict: 'uncertain', samplesPerCase: plan.samplesPerCase });
    expect(plan.samplesPerCase).toBeGreaterThan(10);
  });

  it('asks for more cases when the spread over cases alone is too wide for the cases there are', () => {
    const result = expectationSignificance(observed(0.55, 0.3, 0.8, 0.5, 0.2), '>=', 0.6);
    const floor = planSampleSize({ effect: 0.05, betweenCaseVariance: 0.5, withinCaseVariance: 0.2 }).minimumCases;
    expect(result).toEqual({ verdict: 'uncertain', casesNeeded: floor });
    expect(floor).toBeGreaterThan(40);
  });

  it('gives no plan for an extrapolated value or one at the threshold, saying why', () => {
    const extrapolated: MetricValue = {
      defined: true,
      value: 0.5,
      interval: { lower: 0.4, upper: 0.7, level: 0.95, standardError: 0.07, method: 'extrapolation' },
    };
    expect(expectationSignificance(extrapolated, '>=', 0.6)?.note).toMatch(/extrapolated/);
    expect(expectationSignificance(observed(0.6, 0.5, 0.7), '==', 0.6)?.note).toMatch(/at the threshold/);
    expect(expectationSignificance({ defined: false, reason: 'no cases' }, '>=', 0.6)).toBeUndefined();
  });
});
