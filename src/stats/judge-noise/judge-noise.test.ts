import { describe, expect, test } from 'vitest';
import type { CaseOutcomes } from '../case-outcomes.js';
import { expectationSignificance } from '../expectation-significance.js';
import { metricValue } from '../metric-value.js';
import { createSeededRandom } from '../seeded-random.js';
import { judgeVarianceComponents, sampleJudgeVariance, verdictVariance } from './index.js';

describe('a verdict variance', () => {
  test('is the unbiased variance of the answers over their count, undefined from one answer', () => {
    expect(verdictVariance([0, 1, 1])).toBeCloseTo(1 / 3 / 3, 12);
    expect(verdictVariance([0.5, null, 0.5])).toBe(0);
    expect(verdictVariance([1, null])).toBeUndefined();
    expect(sampleJudgeVariance([{ values: [0, 1] }, { values: [1] }, { values: [0, 0, 1, 1] }])).toBeCloseTo(
      0.5 / 2 + 1 / 3 / 4,
      12,
    );
    expect(sampleJudgeVariance([{ values: [1] }])).toBeUndefined();
  });
});

/**
 * A suite of judged samples: case means μ_i uniform on [0.45, 0.55] (σ²_between = 0.1²/12), each output's own score
 * μ_i + U(−0.1, 0.1) (σ²_output = 0.2²/12), and a judge that answers each call with the output's score ± 0.2 at
 * random (σ²_judge = 0.04 per call), asked r times per verdict.
 */
function judgedSuite(random: () => number, cases: number, n: number, r: number, judged: boolean): CaseOutcomes[] {
  return Array.from({ length: cases }, (_, index) => {
    const caseMean = 0.45 + 0.1 * random();
    const scores: number[] = [];
    const judgeVariances: (number | undefined)[] = [];
    for (let j = 0; j < n; j++) {
      const output = caseMean + 0.2 * (random() - 0.5);
      const answers = Array.from({ length: r }, () => output + (random() < 0.5 ? -0.2 : 0.2));
      scores.push(judged ? answers.reduce((sum, value) => sum + value, 0) / r : output);
      judgeVariances.push(judged ? verdictVariance(answers) : undefined);
    }
    return {
      caseId: `case-${index}`,
      n,
      c: scores.filter((score) => score >= 0.5).length,
      scores,
      errors: 0,
      drawn: n,
      ...(judged ? { judgeVariances } : {}),
    };
  });
}

describe('judge noise in the interval of the mean score', () => {
  const cases = 30;
  const n = 20;
  const r = 3;
  const between = 0.1 ** 2 / 12;
  const output = 0.2 ** 2 / 12;
  const judge = 0.04 / r;
  const predictedWithout = (between + output / n) / cases;
  const predictedWith = (between + (output + judge) / n) / cases;

  test('widens the interval by what the variance decomposition predicts', () => {
    const reps = 400;
    const random = createSeededRandom(5);
    let varianceWith = 0;
    let varianceWithout = 0;
    let widthWith = 0;
    let widthWithout = 0;
    let share = 0;
    for (let rep = 0; rep < reps; rep++) {
      const withJudge = metricValue({ name: 'mean-score' }, judgedSuite(random, cases, n, r, true));
      const without = metricValue({ name: 'mean-score' }, judgedSuite(random, cases, n, r, false));
      if (!withJudge.defined || !without.defined || !withJudge.interval || !without.interval) {
        throw new Error('the mean score must be defined');
      }
      varianceWith += withJudge.interval.standardError ** 2 / reps;
      varianceWithout += without.interval.standardError ** 2 / reps;
      widthWith += (withJudge.interval.upper - withJudge.interval.lower) / reps;
      widthWithout += (without.interval.upper - without.interval.lower) / reps;
      share += (withJudge.noise?.judge?.share ?? Number.NaN) / reps;
      expect(without.noise?.judge).toBeUndefined();
    }
    // The interval's variance is the decomposition's, with and without the judge, to a few percent.
    expect(varianceWith / predictedWith).toBeGreaterThan(0.93);
    expect(varianceWith / predictedWith).toBeLessThan(1.07);
    expect(varianceWithout / predictedWithout).toBeGreaterThan(0.93);
    expect(varianceWithout / predictedWithout).toBeLessThan(1.07);
    // So the interval is wider by the square root of their ratio (1.29 here).
    const predictedRatio = Math.sqrt(predictedWith / predictedWithout);
    expect(widthWith / widthWithout / predictedRatio).toBeGreaterThan(0.95);
    expect(widthWith / widthWithout / predictedRatio).toBeLessThan(1.05);
    // And the judge's share of it is measured from its repeated calls: 0.4 here.
    const trueShare = judge / n / cases / predictedWith;
    expect(Math.abs(share - trueShare)).toBeLessThan(0.04);
  });

  test('splits the variance into between-case, output and judge parts', () => {
    const random = createSeededRandom(9);
    const components = judgeVarianceComponents(judgedSuite(random, 200, 40, r, true));
    if (!components) throw new Error('components must be defined');
    expect(components.judgeVariance).toBeCloseTo(judge, 3);
    expect(components.outputVariance).toBeCloseTo(output, 3);
    expect(components.betweenCaseVariance).toBeCloseTo(between, 3);
    expect(components.ofMean.total).toBeCloseTo(
      components.ofMean.between + components.ofMean.output + components.ofMean.judge,
      15,
    );
  });

  test('is undefined without a judge asked twice', () => {
    expect(judgeVarianceComponents([{ scores: [0.1, 0.2] }])).toBeUndefined();
    expect(judgeVarianceComponents([{ scores: [0.1, 0.2], judgeVariances: [undefined, undefined] }])).toBeUndefined();
  });
});

describe('an uncertain expectation on judged scores', () => {
  test('says how much of its variance is the judge’s', () => {
    const random = createSeededRandom(4);
    const observed = metricValue({ name: 'mean-score' }, judgedSuite(random, 10, 4, 3, true));
    if (!observed.defined) throw new Error('the mean score must be defined');
    const significance = expectationSignificance(observed, '>=', observed.value + 0.005);
    expect(significance?.verdict).toBe('uncertain');
    expect(significance?.judgeShare).toBe(observed.noise?.judge?.share);
    expect(significance?.judgeShare).toBeGreaterThan(0.3);
  });
});
