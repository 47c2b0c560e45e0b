import { describe, expect, it } from 'vitest';
import type { CountMetric } from '../../program/program.js';
import type { NamedCaseCounts } from '../../stats/case-counts.js';
import { passAtK } from '../../stats/pass-at-k.js';
import type { AdaptivePlanRequest } from './adaptive-plan-request.js';
import type { AdaptiveStep } from './adaptive-step.js';
import { expectedEstimatorVariance } from './estimator-variance.js';
import { planAdaptiveBatch } from './plan-adaptive-batch.js';
import { samplingWidth } from './sampling-width.js';

const passAt = (k: number): CountMetric => ({ name: 'pass@k', k });
const fresh = (count: number): NamedCaseCounts[] =>
  Array.from({ length: count }, (_, index) => ({ caseId: `c${index}`, n: 0, c: 0 }));
const batchOf = (step: AdaptiveStep) => {
  if (step.kind !== 'sample') throw new Error(`expected a batch, got done (${step.reason})`);
  return new Map(step.batch.map(({ caseId, more }) => [caseId, more]));
};

describe('planAdaptiveBatch: the first batch', () => {
  it('gives every case at least the largest k before any adaptive choice', () => {
    const step = planAdaptiveBatch({ metrics: [passAt(1), passAt(25)], cases: fresh(4), targetWidth: 0.01 });
    expect(step).toMatchObject({ kind: 'sample', phase: 'initial', size: 100, widths: [] });
    expect([...batchOf(step).values()]).toEqual([25, 25, 25, 25]);
  });

  it('tops up only the cases short of their first samples, and reports widths once every metric is defined', () => {
    const cases = [
      { caseId: 'a', n: 12, c: 3 },
      { caseId: 'b', n: 4, c: 4 },
    ];
    const step = planAdaptiveBatch({ metrics: [passAt(2)], cases, targetWidth: 0.01, initialSamples: 10 });
    expect(step.kind === 'sample' && step.batch).toEqual([{ caseId: 'b', more: 6 }]);
    expect(step.widths).toHaveLength(1);
  });

  it('lowers the first samples to fit the budget, but never below k, and refuses a budget that cannot reach k', () => {
    const step = planAdaptiveBatch({ metrics: [passAt(3)], cases: fresh(10), targetWidth: 0.01, budget: 45 });
    expect([...batchOf(step).values()]).toEqual(Array(10).fill(4));
    expect(() => planAdaptiveBatch({ metrics: [passAt(3)], cases: fresh(10), targetWidth: 0.01, budget: 29 })).toThrow(
      /cannot give each of the 10 cases the 3 samples that k = 3 needs; it needs at least 30/,
    );
  });
});

describe('planAdaptiveBatch: adaptive batches', () => {
  const cases: NamedCaseCounts[] = [
    { caseId: 'never', n: 20, c: 0 },
    { caseId: 'always', n: 20, c: 20 },
    { caseId: 'coin', n: 20, c: 10 },
    { caseId: 'often', n: 20, c: 17 },
  ];

  it('favours the uncertain cases: p near ½ gets most, p near 0 or 1 least', () => {
    const batch = batchOf(planAdaptiveBatch({ metrics: [passAt(1)], cases, targetWidth: 0.02 }));
    const more = (caseId: string) => batch.get(caseId) ?? 0;
    expect(more('coin')).toBeGreaterThan(more('often'));
    expect(more('often')).toBeGreaterThan(more('never'));
    expect(more('often')).toBeGreaterThan(more('always'));
  });

  it('spends per dollar when samples cost differently: of two equally uncertain cases, the cheap one gets more', () => {
    const twins = [
      { caseId: 'dear', n: 20, c: 10 },
      { caseId: 'cheap', n: 20, c: 10 },
    ];
    const request = { metrics: [passAt(1)], cases: twins, targetWidth: 0.02, maximumBatchSize: 40 };
    const even = batchOf(planAdaptiveBatch(request));
    expect(even.get('dear')).toBe(even.get('cheap'));
    const priced = batchOf(planAdaptiveBatch({ ...request, sampleCosts: { dear: 0.01, cheap: 0.001 } }));
    expect(priced.get('cheap') ?? 0).toBeGreaterThan(2 * (priced.get('dear') ?? 0));
    // A case without a known cost costs the mean of the known ones; free cases all cost nothing: no weighting.
    const unknown = batchOf(planAdaptiveBatch({ ...request, sampleCosts: { dear: 0.01 } }));
    expect(unknown.get('dear')).toBe(unknown.get('cheap'));
    const free = batchOf(planAdaptiveBatch({ ...request, sampleCosts: { dear: 0, cheap: 0 } }));
    expect(free.get('dear')).toBe(free.get('cheap'));
  });

  it('for pass@k with k > 1, favours the cases whose pass@k is uncertain: small p, not p near ½', () => {
    const mixed: NamedCaseCounts[] = [
      { caseId: 'rare', n: 20, c: 1 },
      { caseId: 'coin', n: 20, c: 10 },
    ];
    const batch = batchOf(planAdaptiveBatch({ metrics: [passAt(10)], cases: mixed, targetWidth: 0.01 }));
    expect(batch.get('rare') ?? 0).toBeGreaterThan(5 * (batch.get('coin') ?? 0));
  });

  it('places each sample where it most reduces the variance: the greedy optimality condition holds', () => {
    const metrics = [passAt(1), passAt(5)];
    const step = planAdaptiveBatch({ metrics, cases, targetWidth: 0.001, maximumBatchSize: 200 });
    const batch = batchOf(step);
    const marginal = ({ n, c }: NamedCaseCounts, at: number) =>
      metrics.reduce((sum, metric) => {
        const belief = { alpha: 0.5 + c, beta: 0.5 + n - c };
        return sum + expectedEstimatorVariance(metric, at, belief) - expectedEstimatorVariance(metric, at + 1, belief);
      }, 0);
    // The last sample given to any case gained at least as much as the next sample of any other case would.
    const last = cases.map((counts) => marginal(counts, counts.n + (batch.get(counts.caseId) ?? 0) - 1));
    const next = cases.map((counts) => marginal(counts, counts.n + (batch.get(counts.caseId) ?? 0)));
    for (const [position, counts] of cases.entries()) {
      if (!batch.get(counts.caseId)) continue;
      for (const gain of next) expect(last[position] as number).toBeGreaterThanOrEqual(gain * (1 - 1e-9));
    }
  });

  it('reports the widths a direct computation gives: 2 · 1.96 · √(Σ E[Var_i]) / m', () => {
    const step = planAdaptiveBatch({ metrics: [passAt(1), passAt(5)], cases, targetWidth: 0.01 });
    for (const [index, metric] of [passAt(1), passAt(5)].entries()) {
      const variance = cases.reduce(
        (sum, { n, c }) => sum + expectedEstimatorVariance(metric, n, { alpha: 0.5 + c, beta: 0.5 + n - c }),
        0,
      );
      const estimate = cases.reduce((sum, { n, c }) => sum + passAtK(n, c, metric.k), 0) / cases.length;
      const width = step.widths[index];
      expect(width?.estimate).toBeCloseTo(estimate, 14);
      expect(width?.width).toBeCloseTo((2 * 1.959963984540054 * Math.sqrt(variance)) / cases.length, 14);
      expect(width).toEqual(samplingWidth(metric, cases));
    }
  });

  it('stops with target-reached when every width is at most the target', () => {
    const widest = Math.max(...[passAt(1), passAt(5)].map((metric) => samplingWidth(metric, cases).width));
    expect(planAdaptiveBatch({ metrics: [passAt(1), passAt(5)], cases, targetWidth: widest })).toMatchObject({
      kind: 'done',
      reason: 'target-reached',
    });
    expect(planAdaptiveBatch({ metrics: [passAt(1), passAt(5)], cases, targetWidth: widest * 0.999 }).kind).toBe(
      'sample',
    );
  });

  it('respects the per-case cap, and stops with caps-reached when every case is at it', () => {
    const step = planAdaptiveBatch({ metrics: [passAt(1)], cases, targetWidth: 1e-4, maxSamplesPerCase: 30 });
    for (const counts of cases) expect(counts.n + (batchOf(step).get(counts.caseId) ?? 0)).toBeLessThanOrEqual(30);
    const capped = cases.map((counts) => ({ ...counts, n: 30, c: Math.min(counts.c, 30) }));
    expect(
      planAdaptiveBatch({ metrics: [passAt(1)], cases: capped, targetWidth: 1e-4, maxSamplesPerCase: 30 }),
    ).toMatchObject({ kind: 'done', reason: 'caps-reached' });
  });

  it('respects the budget, and stops with budget-spent when it is gone', () => {
    const step = planAdaptiveBatch({ metrics: [passAt(1)], cases, targetWidth: 1e-4, budget: 95 });
    expect(step).toMatchObject({ kind: 'sample', size: 15 });
    expect(planAdaptiveBatch({ metrics: [passAt(1)], cases, targetWidth: 1e-4, budget: 80 })).toMatchObject({
      kind: 'done',
      reason: 'budget-spent',
    });
  });

  it('keeps a batch between its minimum and maximum size', () => {
    const target = samplingWidth(passAt(1), cases).width * 0.99;
    const small = planAdaptiveBatch({ metrics: [passAt(1)], cases, targetWidth: target, minimumBatchSize: 40 });
    expect(small).toMatchObject({ kind: 'sample', size: 40 });
    const capped = planAdaptiveBatch({ metrics: [passAt(1)], cases, targetWidth: 1e-4, maximumBatchSize: 7 });
    expect(capped).toMatchObject({ kind: 'sample', size: 7 });
    // By default a batch at most doubles the run.
    expect(planAdaptiveBatch({ metrics: [passAt(1)], cases, targetWidth: 1e-4 })).toMatchObject({ size: 80 });
  });

  it('is deterministic, and does not depend on object identity', () => {
    const request: AdaptivePlanRequest = { metrics: [passAt(1), passAt(3)], cases, targetWidth: 0.005, budget: 1000 };
    const first = planAdaptiveBatch(request);
    const second = planAdaptiveBatch(structuredClone(request));
    expect(second).toEqual(first);
  });

  it('refuses requests out of range, saying what to fix', () => {
    const base = { metrics: [passAt(2)], cases, targetWidth: 0.01 };
    expect(() => planAdaptiveBatch({ ...base, metrics: [] })).toThrow(/at least one metric/);
    expect(() => planAdaptiveBatch({ ...base, targetWidth: 0 })).toThrow(/target width must be a positive number/);
    expect(() => planAdaptiveBatch({ ...base, maxSamplesPerCase: 1 })).toThrow(/at least k = 2/);
    expect(() => planAdaptiveBatch({ ...base, cases: [...cases, cases[0] as NamedCaseCounts] })).toThrow(
      /appears twice/,
    );
    expect(() => planAdaptiveBatch({ ...base, cases: [{ caseId: 'x', n: 2, c: 3 }] })).toThrow(/0 ≤ c ≤ n/);
    expect(() => planAdaptiveBatch({ ...base, prior: { alpha: 0, beta: 1 } })).toThrow(/alpha > 0/);
  });
});
