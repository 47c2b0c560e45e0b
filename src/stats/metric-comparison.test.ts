import { describe, expect, it } from 'vitest';
import { caseSamplingVariance, meanScoreVariance } from './case-metric.js';
import { type ComparedCase, compareMetric } from './metric-comparison.js';
import { pairedDifference } from './paired-difference.js';

/** A case with `c` of `n` samples scoring 1 and the rest 0; `withScores: false` keeps only the mean score. */
const scored = (caseId: string, n: number, c: number, withScores = true): ComparedCase => ({
  caseId,
  n,
  c,
  scores: withScores ? [...Array(c).fill(1), ...Array(n - c).fill(0)] : [],
  errors: 0,
  drawn: n,
  meanScore: n === 0 ? null : c / n,
});

describe('compareMetric', () => {
  const before = [scored('a', 10, 2), scored('b', 10, 5), scored('c', 10, 9)];
  const after = [scored('a', 10, 6), scored('b', 10, 9), scored('c', 10, 10)];
  const pairs = before.map((left, index) => [left, after[index] as ComparedCase] as const);

  it('pairs pass@1 over cases, with the cases’ sampling variances as a floor under the standard error', () => {
    const comparison = compareMetric({ name: 'pass@k', k: 1 }, pairs, 0.95);
    const variances = pairs.map(
      ([left, right]) =>
        (caseSamplingVariance({ name: 'pass@k', k: 1 }, left) ?? 0) +
        (caseSamplingVariance({ name: 'pass@k', k: 1 }, right) ?? 0),
    );
    expect(comparison.difference).toEqual(
      pairedDifference([0.6, 0.9, 1], [0.2, 0.5, 0.9], { level: 0.95, samplingVariances: variances }),
    );
    expect(comparison.a).toBeCloseTo(1.6 / 3, 15);
    expect(comparison.b).toBeCloseTo(2.5 / 3, 15);
    expect(comparison.significant).toBe((comparison.difference?.lower ?? 0) > 0);
  });

  it('takes the mean score of a case read back without its scores from meanScore, with a bounded variance', () => {
    const counted = pairs.map(([left, right]) => [{ ...left, scores: [] }, right] as const);
    const withScores = compareMetric({ name: 'mean-score' }, pairs, 0.95);
    const fromCounts = compareMetric({ name: 'mean-score' }, counted, 0.95);
    expect(fromCounts.difference?.estimate).toBeCloseTo(withScores.difference?.estimate ?? Number.NaN, 15);
    const floor =
      Math.sqrt(
        counted.reduce(
          (sum, [left, right]) =>
            sum + meanScoreVariance(left.meanScore, left.n) + meanScoreVariance(right.meanScore, right.n),
          0,
        ),
      ) / 3;
    expect(fromCounts.difference?.standardError).toBeGreaterThanOrEqual(floor - 1e-15);
  });

  it('says why, instead of a difference, when a case cannot give the metric or fewer than two cases are shared', () => {
    const noScores = pairs.map(([left, right]) => [{ ...left, scores: [] }, right] as const);
    expect(compareMetric({ name: 'max@k', k: 2 }, noScores, 0.95).difference).toBeUndefined();
    expect(compareMetric({ name: 'max@k', k: 2 }, pairs, 0.95).difference).toBeDefined();
    expect(compareMetric({ name: 'pass@inf' }, pairs, 0.95).difference).toBeUndefined();
    expect(compareMetric({ name: 'pass@k', k: 20 }, pairs, 0.95)).toEqual({
      metric: 'pass@20',
      a: null,
      b: null,
      significant: false,
      reason: 'case "a" cannot give pass@20',
    });
    expect(compareMetric({ name: 'pass@k', k: 1 }, pairs.slice(0, 1), 0.95).reason).toBe(
      'a paired difference needs two shared cases',
    );
  });
});
