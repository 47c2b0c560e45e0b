import { describe, expect, it } from 'vitest';
import { pairedDifference } from '../stats/paired-difference.js';
import { compareInterpreters } from './compare-interpreters.js';
import type { ProgramSummary } from './program-summary.js';
import { summaryOfCounts } from './testing/summary-of-counts.js';

const on = (interpreter: string, counts: readonly [number, number][], programName = 'quiz'): ProgramSummary => ({
  ...summaryOfCounts(counts, { interpreterId: interpreter }),
  programName,
});

describe('compareInterpreters', () => {
  it('compares each further interpreter of a program with the first, pass@1 paired over cases', () => {
    const first = on('sim:small', [
      [10, 2],
      [10, 1],
      [10, 5],
    ]);
    const second = on('sim:large', [
      [10, 9],
      [10, 8],
      [10, 10],
    ]);
    const third = on('sim:medium', [
      [10, 4],
      [10, 6],
      [10, 7],
    ]);
    const comparisons = compareInterpreters([first, second, third, on('sim:small', [[10, 3]], 'other')]);
    expect(comparisons.map((comparison) => [comparison.reference, comparison.interpreter])).toEqual([
      ['sim:small', 'sim:large'],
      ['sim:small', 'sim:medium'],
    ]);
    const [large] = comparisons;
    expect(large?.cases).toBe(3);
    expect(large?.pass1.a).toBeCloseTo(8 / 30, 12);
    expect(large?.pass1.b).toBeCloseTo(27 / 30, 12);
    // The per-case pass@1 differences, with the cases' Wilson sampling variances as a floor.
    const plain = pairedDifference([0.9, 0.8, 1], [0.2, 0.1, 0.5]);
    expect(large?.pass1.difference?.estimate).toBeCloseTo(plain.estimate, 12);
    expect(large?.pass1.difference?.standardError).toBeGreaterThanOrEqual(plain.standardError);
    expect(large?.pass1.significant).toBe(true);
  });

  it('gives none for programs run on one interpreter', () => {
    expect(compareInterpreters([on('sim:small', [[10, 3]]), on('sim:small', [[10, 3]], 'other')])).toEqual([]);
  });

  it('says why there is no difference when fewer than two cases are shared', () => {
    const [only] = compareInterpreters([
      on('sim:small', [
        [10, 3],
        [0, 0],
      ]),
      on('sim:large', [
        [10, 9],
        [10, 9],
      ]),
    ]);
    expect(only?.cases).toBe(1);
    expect(only?.pass1.difference).toBeUndefined();
    expect(only?.pass1.significant).toBe(false);
    expect(only?.pass1.reason).toBe('a paired difference needs two shared cases');
  });
});
