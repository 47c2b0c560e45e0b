import { describe, expect, it } from 'vitest';
import { passAtK } from './pass-at-k.js';
import { passHatK } from './pass-hat-k.js';
import { readSharedCsv } from './testing/shared-data.js';

describe(`τ-bench airline, GPT-4o (Yao et al. 2024)`, () => {
  const cases = readSharedCsv('tau_bench_gpt4o_airline.csv').map((row) => ({ n: Number(row.n), c: Number(row.c) }));
  const suiteMean = (metric: (n: number, c: number, k: number) => number, k: number) =>
    cases.reduce((sum, { n, c }) => sum + metric(n, c, k), 0) / cases.length;

  it('has 50 tasks with 4 trials each', () => {
    expect(cases).toHaveLength(50);
    expect(cases.every(({ n }) => n === 4)).toBe(true);
  });

  it('reproduces the published pass^1..4 = 0.42, 0.273, 0.22, 0.20', () => {
    expect(suiteMean(passHatK, 1).toFixed(2)).toBe('0.42');
    expect(suiteMean(passHatK, 2).toFixed(3)).toBe('0.273');
    expect(suiteMean(passHatK, 3).toFixed(2)).toBe('0.22');
    expect(suiteMean(passHatK, 4).toFixed(2)).toBe('0.20');
  });

  it('has pass@k rising where pass^k falls, equal at k = 1', () => {
    expect(suiteMean(passAtK, 1)).toBeCloseTo(suiteMean(passHatK, 1), 15);
    for (let k = 1; k < 4; k++) {
      expect(suiteMean(passAtK, k + 1)).toBeGreaterThan(suiteMean(passAtK, k));
      expect(suiteMean(passHatK, k + 1)).toBeLessThan(suiteMean(passHatK, k));
    }
  });

  it('refuses k = 5 with 4 trials', () => {
    expect(() => suiteMean(passHatK, 5)).toThrow(/k = 5 is larger than the 4 samples drawn/);
  });
});
