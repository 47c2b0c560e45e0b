import { describe, expect, it } from 'vitest';
import { compareProgram } from './compare-runs.js';
import type { ProgramSummary } from './program-summary.js';
import { summaryOfCounts } from './testing/summary-of-counts.js';

/** A summary of `quiz` on `interpreterId` with the given (n, c) per case, scores 1 for successes. */
const summaryOf = (interpreterId: string, counts: readonly [number, number][]): ProgramSummary =>
  summaryOfCounts(counts, { interpreterId, samplesPerCase: 20 });

describe('compareProgram', () => {
  it('does not call a difference significant on less evidence than the samples give', () => {
    const a = summaryOf('sim:large', [
      [20, 20],
      [20, 20],
      [20, 20],
    ]);
    const b = summaryOf('sim:medium', [
      [20, 19],
      [20, 19],
      [20, 19],
    ]);
    const comparison = compareProgram(a, b);
    for (const metric of comparison.metrics) {
      expect(metric.significant, metric.metric).toBe(false);
      expect(metric.difference?.standardError, metric.metric).toBeGreaterThan(0);
    }
  });

  it('calls a large difference on every case significant', () => {
    const a = summaryOf(
      'sim:large',
      Array.from({ length: 8 }, () => [20, 18] as [number, number]),
    );
    const b = summaryOf(
      'sim:small',
      Array.from({ length: 8 }, () => [20, 4] as [number, number]),
    );
    const pass1 = compareProgram(a, b).metrics.find((metric) => metric.metric === 'pass@1');
    expect(pass1?.significant).toBe(true);
    expect(pass1?.difference?.estimate).toBeCloseTo(-0.7, 12);
  });
});
