import { describe, expect, it } from 'vitest';
import { caseMetric } from './case-metric.js';
import type { CaseOutcomes } from './case-outcomes.js';
import { metricValue } from './metric-value.js';

/** A case of `n` scored samples, `c` successes, each sample costing `costs[i]` dollars, 100 tokens and 1 s. */
const spent = (caseId: string, c: number, costs: number[]): CaseOutcomes => ({
  caseId,
  n: costs.length,
  c,
  scores: costs.map((_, index) => (index < c ? 1 : 0)),
  errors: 0,
  drawn: costs.length,
  spend: { costs, tokens: costs.map(() => 100), seconds: costs.map(() => 1) },
});

const cases = [spent('a', 2, [0.01, 0.03, 0.02, 0.02]), spent('b', 0, [0.04, 0.04, 0.06, 0.06])];

describe('spend metrics', () => {
  it('give the totals and ratios computed by hand, with intervals that stay at or above 0', () => {
    const value = (metric: Parameters<typeof metricValue>[0]) => {
      const result = metricValue(metric, cases);
      if (!result.defined) throw new Error(result.reason);
      return result;
    };
    expect(value({ name: 'cost', measure: 'total' }).value).toBeCloseTo(0.28, 12);
    // Case means 0.02 and 0.05.
    const perSample = value({ name: 'cost', measure: 'per-sample' });
    expect(perSample.value).toBeCloseTo(0.035, 12);
    expect(perSample.interval?.lower).toBeGreaterThanOrEqual(0);
    // $0.28 over 2 successes.
    expect(value({ name: 'cost', measure: 'per-success' }).value).toBeCloseTo(0.14, 12);
    expect(value({ name: 'tokens-per-sample' }).value).toBe(100);
    expect(value({ name: 'latency', statistic: 'mean' }).value).toBe(1);
  });

  it('say why a dollar figure is missing when the interpreter has no price', () => {
    const unpriced: CaseOutcomes = { ...(cases[0] as CaseOutcomes), spend: { tokens: [1], seconds: [1] } };
    const result = metricValue({ name: 'cost', measure: 'per-sample' }, [unpriced]);
    expect(result).toMatchObject({ defined: false, reason: expect.stringContaining('no price') });
  });

  it('give one case its own value with an interval from 0 up, for comparisons paired over cases', () => {
    const single = caseMetric({ name: 'cost', measure: 'per-sample' }, cases[0] as CaseOutcomes);
    expect(single).toMatchObject({ defined: true, value: 0.02 });
    if (!single.defined) return;
    expect(single.lower).toBeGreaterThanOrEqual(0);
    expect(single.lower).toBeLessThanOrEqual(0.02);
    expect(single.upper).toBeGreaterThanOrEqual(0.02);
    // The total has no interval: an amount observed, from 0 to anything.
    const total = caseMetric({ name: 'cost', measure: 'total' }, cases[1] as CaseOutcomes);
    expect(total).toMatchObject({ defined: true, lower: 0, upper: Number.POSITIVE_INFINITY });
  });
});
