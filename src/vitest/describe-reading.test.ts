import { describe, expect, test } from 'vitest';
import { describeCases, describeInterval, noiseVerdict } from './describe-reading.js';
import type { MetricInterval, MetricReading } from './read-metric.js';

const interval = (lower: number, upper: number): MetricInterval => ({
  lower,
  upper,
  level: 0.95,
  basis: 'cases',
  count: 8,
});

describe('noiseVerdict', () => {
  test('a shortfall is beyond the noise only when the whole interval lies below the threshold', () => {
    expect(noiseVerdict('>=', 0.9, interval(0.5, 0.89))).toMatch(/beyond the noise/);
    expect(noiseVerdict('>=', 0.9, interval(0.5, 0.9))).toMatch(/could be noise/);
    // For `>`, a value at the threshold already fails it.
    expect(noiseVerdict('>', 0.9, interval(0.5, 0.9))).toMatch(/beyond the noise/);
  });

  test('an excess over an upper bound likewise, and equality has no verdict', () => {
    expect(noiseVerdict('<=', 0.1, interval(0.11, 0.3))).toMatch(/excess is beyond the noise/);
    expect(noiseVerdict('<=', 0.1, interval(0.1, 0.3))).toMatch(/excess could be noise/);
    expect(noiseVerdict('<', 0.1, interval(0.1, 0.3))).toMatch(/beyond the noise/);
    expect(noiseVerdict('==', 0.1, interval(0.2, 0.3))).toBeUndefined();
  });
});

test('describeInterval names its basis', () => {
  expect(describeInterval(interval(0.25, 0.5))).toBe('95% interval 0.250–0.500 over 8 cases');
  expect(describeInterval({ ...interval(0, 1), basis: 'samples', count: 20 })).toBe(
    '95% interval 0.000–1.000 over 20 samples of its one case',
  );
});

test('describeCases lists the worst ten cases first, aligned, and counts the rest', () => {
  const cases = Array.from({ length: 12 }, (_, index) => ({
    caseId: `case-${index}`,
    n: 10,
    c: index % 11,
    errors: index === 3 ? 2 : 0,
    meanScore: null,
    value: (index % 11) / 10,
  }));
  const reading: MetricReading = { name: 'pass@1', value: { defined: true, value: 0.5 }, cases };
  expect(describeCases(reading)).toEqual([
    '  cases, worst first (successes/scored samples, pass@1):',
    '    "case-0"    0/10  0.000',
    '    "case-11"   0/10  0.000',
    '    "case-1"    1/10  0.100',
    '    "case-2"    2/10  0.200',
    '    "case-3"    3/10  0.300  (2 errors)',
    '    "case-4"    4/10  0.400',
    '    "case-5"    5/10  0.500',
    '    "case-6"    6/10  0.600',
    '    "case-7"    7/10  0.700',
    '    "case-8"    8/10  0.800',
    '    … and 2 more cases',
  ]);
});
