import { describe, expect, test } from 'vitest';
import type { MetricInterval } from '../stats/metric-value.js';
import { describeCases, describeInterval, describeSignificance } from './describe-reading.js';
import type { CaseReading, MetricReading } from './read-metric.js';

const interval = (lower: number, upper: number, method: MetricInterval['method'] = 'cases'): MetricInterval => ({
  lower,
  upper,
  level: 0.95,
  standardError: (upper - lower) / 3.92,
  method,
});

const caseReading = (caseId: string, n: number, c: number, errors = 0): CaseReading => ({
  caseId,
  n,
  c,
  errors,
  drawn: n + errors,
  value: { defined: true, value: c / n, lower: Math.max(0, c / n - 0.1), upper: Math.min(1, c / n + 0.1), level: 0.95 },
});

const reading = (cases: readonly CaseReading[], metric: MetricReading['metric'] = { name: 'pass@k', k: 1 }) => ({
  metric,
  name: metric.name === 'error-rate' ? 'error_rate' : 'pass@1',
  value: { defined: true, value: 0.5 } as const,
  cases,
});

describe('describeSignificance', () => {
  test("the runner's verdict, in the terms of the operator", () => {
    expect(describeSignificance('>=', { verdict: 'significant' })).toBe(
      'the whole interval lies below the threshold: the shortfall is beyond the noise',
    );
    expect(describeSignificance('<', { verdict: 'significant' })).toBe(
      'the whole interval lies above the threshold: the excess is beyond the noise',
    );
    expect(describeSignificance('==', { verdict: 'significant' })).toBe(
      'the interval excludes the threshold: the difference is beyond the noise',
    );
  });

  test('an uncertain verdict says what would decide it: samples per case, else cases, else the reason', () => {
    expect(describeSignificance('>=', { verdict: 'uncertain', samplesPerCase: 40 })).toBe(
      'the interval reaches the threshold: the shortfall could be noise; about 40 samples per case would decide it',
    );
    expect(describeSignificance('<=', { verdict: 'uncertain', casesNeeded: 31 })).toBe(
      'the interval reaches the threshold: the excess could be noise; more samples per case cannot decide it; about 31 cases would',
    );
    expect(describeSignificance('>', { verdict: 'uncertain', note: 'the observed value is at the threshold' })).toBe(
      'the interval reaches the threshold: the shortfall could be noise; the observed value is at the threshold',
    );
  });
});

test('describeInterval says how the runner obtained the interval', () => {
  const four = reading(['a', 'b', 'c', 'd'].map((id) => caseReading(id, 10, 5)));
  expect(describeInterval(interval(0.25, 0.5), four)).toBe('95% interval 0.250–0.500 over 4 cases');
  expect(describeInterval(interval(0.25, 0.5, 'extrapolation'), four)).toBe(
    '95% interval 0.250–0.500 extrapolated from 4 cases',
  );
  const one = [caseReading('window', 20, 10, 2)];
  expect(describeInterval(interval(0, 1, 'case'), reading(one))).toBe(
    '95% interval 0.000–1.000 over 20 samples of case "window"',
  );
  // The error rate rests on every sample drawn, failed ones included.
  expect(describeInterval(interval(0, 1, 'case'), reading(one, { name: 'error-rate' }))).toBe(
    '95% interval 0.000–1.000 over 22 samples of case "window"',
  );
});

describe('describeCases', () => {
  test('lists the worst ten cases first, aligned, with their intervals, and counts the rest', () => {
    const cases = Array.from({ length: 12 }, (_, index) =>
      caseReading(`case-${index}`, 10, index % 11, index === 3 ? 2 : 0),
    );
    expect(describeCases(reading(cases), '>=')).toEqual([
      '  cases, worst first (successes/scored samples, pass@1, 95% interval):',
      '    "case-0"    0/10  0.000  [0.000, 0.100]',
      '    "case-11"   0/10  0.000  [0.000, 0.100]',
      '    "case-1"    1/10  0.100  [0.000, 0.200]',
      '    "case-2"    2/10  0.200  [0.100, 0.300]',
      '    "case-3"    3/10  0.300  [0.200, 0.400]  (2 errors)',
      '    "case-4"    4/10  0.400  [0.300, 0.500]',
      '    "case-5"    5/10  0.500  [0.400, 0.600]',
      '    "case-6"    6/10  0.600  [0.500, 0.700]',
      '    "case-7"    7/10  0.700  [0.600, 0.800]',
      '    "case-8"    8/10  0.800  [0.700, 0.900]',
      '    … and 2 more cases',
    ]);
  });

  test('for an upper bound the highest come first; a case without a value comes before all, with the reason', () => {
    const short: CaseReading = {
      ...caseReading('short', 3, 1),
      value: { defined: false, reason: 'case "short" has 3 scored samples, fewer than k = 4' },
    };
    const rate = (caseId: string, errors: number): CaseReading => ({
      ...caseReading(caseId, 10, 5, errors),
      value: { defined: true, value: errors / (10 + errors), lower: 0, upper: 0.5, level: 0.95 },
    });
    const cases = [rate('low', 1), rate('high', 4), short];
    expect(describeCases(reading(cases, { name: 'error-rate' }), '<=')).toEqual([
      '  cases, worst first (errors/samples drawn, error_rate, 95% interval):',
      '    "short"   0/3  n/a (case "short" has 3 scored samples, fewer than k = 4)',
      '    "high"   4/14  0.286  [0.000, 0.500]',
      '    "low"    1/11  0.091  [0.000, 0.500]',
    ]);
    expect(describeCases(reading([caseReading('only', 4, 2)]), '>=')[0]).toBe(
      '  the case (successes/scored samples, pass@1, 95% interval):',
    );
  });
});
