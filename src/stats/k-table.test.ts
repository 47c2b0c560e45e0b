import { describe, expect, it } from 'vitest';
import type { CaseCounts } from './case-counts.js';
import { kTable } from './k-table.js';
import { createSeededRandom } from './seeded-random.js';

const ks = [1, 2, 4, 8, 16, 32, 64, 128, 1024, 10_000];

/** Suites of `cases` cases of `n` samples, each case solved with its own probability. */
function suites(count: number, cases: number, n: number): CaseCounts[][] {
  const random = createSeededRandom(7);
  return Array.from({ length: count }, () =>
    Array.from({ length: cases }, () => {
      // Many cases always or never solved, some rarely: where a fitted model and the data disagree most.
      const draw = random();
      const p = draw < 0.4 ? 1 : draw < 0.6 ? 0 : random() ** 4;
      let c = 0;
      for (let sample = 0; sample < n; sample++) if (random() < p) c++;
      return { n, c };
    }),
  );
}

describe('kTable', () => {
  it('keeps pass@k at 1 beyond the samples once every case was solved at k drawn', () => {
    // Every case solved at least once in 16 samples, most of them once: observed pass@16 is 1.
    const cases = Array.from({ length: 30 }, (_, index) => ({ n: 16, c: index % 5 === 0 ? 16 : 1 }));
    const table = kTable(cases, [1, 16, 32, 1024], { level: 0.9 });
    expect(table.rows.map((row) => row.passAtK.source)).toEqual([
      'observed',
      'observed',
      'extrapolated',
      'extrapolated',
    ]);
    expect(table.rows[1]?.passAtK.estimate).toBe(1);
    expect(table.rows[2]?.passAtK.estimate).toBe(1);
    expect(table.rows[3]?.passAtK.estimate).toBe(1);
    expect(table.passAtInfinity.estimate).toBe(1);
  });

  it('says which model extrapolated and how sure the data made it', () => {
    // 12 of 30 cases never solved in 16 samples, the rest solved about half the time: a clear gap.
    const cases = Array.from({ length: 30 }, (_, index) => ({ n: 16, c: index < 12 ? 0 : 6 + (index % 5) }));
    const table = kTable(cases, [1, 1024], { level: 0.9 });
    expect(table.method).toBe('beta-binomial');
    const unsolvable = Number(/P\(some cases never solvable\) (\d+)%/.exec(table.methodDetail)?.[1]);
    expect(unsolvable).toBeGreaterThanOrEqual(95);
    expect(table.methodDetail).toMatch(
      /^zero-inflated beta-binomial: .*P\(α from the wide prior\) \d+%; P\(two groups of cases, a mixture of two Betas\) \d+%$/,
    );
  });

  it('never decreases in k, where the observed part meets the extrapolated part and beyond, and pass@∞ tops it', () => {
    for (const cases of suites(6, 30, 16)) {
      const table = kTable(cases, ks, { level: 0.9 });
      const estimates = table.rows.map((row) => row.passAtK.estimate);
      for (let index = 1; index < estimates.length; index++) {
        expect(estimates[index]).toBeGreaterThanOrEqual(estimates[index - 1] as number);
      }
      for (const row of table.rows) {
        expect(row.passAtK.lower).toBeLessThanOrEqual(row.passAtK.estimate);
        expect(row.passAtK.upper).toBeGreaterThanOrEqual(row.passAtK.estimate);
      }
      expect(table.passAtInfinity.estimate).toBeGreaterThanOrEqual(estimates.at(-1) as number);
      expect(table.passAtInfinity.upper).toBeGreaterThanOrEqual(table.passAtInfinity.estimate);
    }
  });
});
