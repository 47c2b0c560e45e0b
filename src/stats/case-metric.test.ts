import { describe, expect, it } from 'vitest';
import { caseMetric, caseSamplingVariance, meanScoreVariance } from './case-metric.js';
import type { CaseOutcomes } from './case-outcomes.js';
import { intervalStandardError } from './interval-standard-error.js';

const outcome = (n: number, c: number, scores?: number[]): CaseOutcomes => ({
  caseId: 'c',
  n,
  c,
  scores: scores ?? [...Array(c).fill(1), ...Array(n - c).fill(0)],
  errors: 0,
  drawn: n,
});

describe('sampling variances of one case', () => {
  it('reads the standard error an interval stands for', () => {
    expect(intervalStandardError(0.4, 0.6, 0.95)).toBeCloseTo(0.1 / 1.959963984540054, 14);
  });

  it('gives a mean score the Agresti–Coull variance, above 0 when every score is 1 or 0', () => {
    // (20·1 + 2)/24 = 11/12; (11/12)(1/12)/24 = 11/3456.
    expect(meanScoreVariance(1, 20)).toBeCloseTo(11 / 3456, 15);
    expect(meanScoreVariance(0, 20)).toBeCloseTo(11 / 3456, 15);
    // (10·0.5 + 2)/14 = 0.5: 0.25/14.
    expect(meanScoreVariance(0.5, 10)).toBeCloseTo(0.25 / 14, 15);
    expect(meanScoreVariance(null, 0)).toBe(0.25);
    expect(caseSamplingVariance({ name: 'mean-score' }, outcome(4, 0, [0.5, 0.5, 1, 0]))).toBeCloseTo(
      meanScoreVariance(0.5, 4),
      15,
    );
  });

  it('gives counts the variance of their Wilson interval, so 20 of 20 still has some', () => {
    const perfect = caseSamplingVariance({ name: 'pass@k', k: 1 }, outcome(20, 20)) as number;
    expect(perfect).toBeGreaterThan(0.001);
    expect(perfect).toBeLessThan(0.01);
    expect(caseSamplingVariance({ name: 'pass@k', k: 1 }, outcome(20, 10)) as number).toBeGreaterThan(perfect);
    // Undefined where the metric is: k above the samples, or scores not at hand.
    expect(caseSamplingVariance({ name: 'pass@k', k: 30 }, outcome(20, 10))).toBeUndefined();
    expect(caseSamplingVariance({ name: 'mean-score' }, outcome(20, 10, []))).toBeUndefined();
  });
});

describe('the mean score interval of one case', () => {
  it('is the pass@1 interval when every score is 0 or 1, and never a point when the scores agree', () => {
    const allPass = outcome(8, 8);
    const meanScore = caseMetric({ name: 'mean-score' }, allPass);
    const passAt1 = caseMetric({ name: 'pass@k', k: 1 }, allPass);
    expect(meanScore).toEqual(passAt1);
    expect(meanScore.defined && meanScore.lower).toBeCloseTo(0.6756, 3);
    const mixed = caseMetric({ name: 'mean-score' }, outcome(10, 3));
    expect(mixed).toEqual(caseMetric({ name: 'pass@k', k: 1 }, outcome(10, 3)));
    // Ten scores of 0.5: no spread, yet ten samples do not pin the mean down.
    const agreeing = caseMetric({ name: 'mean-score' }, outcome(10, 0, Array(10).fill(0.5)));
    expect(agreeing.defined && agreeing.upper - agreeing.lower).toBeGreaterThan(0.5);
    // Scores that vary inside (0, 1) keep the normal interval of their spread.
    const spread = caseMetric({ name: 'mean-score' }, outcome(4, 0, [0.4, 0.5, 0.6, 0.5]));
    expect(spread.defined && spread.upper - spread.lower).toBeCloseTo(
      2 * 1.959963984540054 * Math.sqrt(0.02 / 3 / 4),
      10,
    );
  });
});
