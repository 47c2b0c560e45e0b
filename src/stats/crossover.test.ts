import { describe, expect, it } from 'vitest';
import { crossover } from './crossover.js';

const repeat = (count: number, entry: { n: number; c: number }) => Array.from({ length: count }, () => ({ ...entry }));

describe('crossover', () => {
  // a: p = 0.9 on 5 of 20 cases and 0 elsewhere (pass@k plateaus at 0.25); b: p = 0.01 on all 20 (pass@k → 1).
  const a = [...repeat(5, { n: 200, c: 180 }), ...repeat(15, { n: 200, c: 0 })];
  const b = repeat(20, { n: 200, c: 2 });

  it('finds where many-case low-p overtakes few-case high-p', () => {
    const result = crossover(a, b, { seed: 1, resamples: 30 });
    expect(result.status).toBe('crossing');
    if (result.status !== 'crossing') return;
    // b's observed pass@k, 1 − C(198, k)/C(200, k), reaches 0.25 near k = 27.
    expect(result.k).toBeGreaterThan(20);
    expect(result.k).toBeLessThan(35);
    expect(result.leaderBefore).toBe('a');
    expect(result.leaderAfter).toBe('b');
    expect(result.lower).toBeLessThanOrEqual(result.k);
    expect(result.upper).toBeGreaterThanOrEqual(result.k);
  });

  it('finds a crossing beyond n from the extrapolated curves', () => {
    // b: p = 0.002 on all cases, seen as c = 1 in 500; it passes a's 0.25 near k = 144 > n = 100 for a.
    const aShort = [...repeat(5, { n: 100, c: 90 }), ...repeat(15, { n: 100, c: 0 })];
    const bSparse = repeat(20, { n: 500, c: 1 });
    const result = crossover(aShort, bSparse, { seed: 2, resamples: 30 });
    expect(result.status).toBe('crossing');
    if (result.status === 'crossing') expect(result.k).toBeGreaterThan(100);
  });

  it('says none when one interpreter dominates', () => {
    const strong = repeat(20, { n: 100, c: 50 });
    const weak = repeat(20, { n: 100, c: 10 });
    const result = crossover(strong, weak, { seed: 3, resamples: 30 });
    expect(result).toMatchObject({ status: 'none', leader: 'a' });
  });

  it('never finds a crossing between two identical sets of counts, even beyond n', () => {
    const counts = [...repeat(10, { n: 20, c: 1 }), ...repeat(10, { n: 20, c: 0 }), ...repeat(10, { n: 20, c: 12 })];
    for (const seed of [1, 2, 3]) {
      expect(crossover(counts, counts, { seed, resamples: 20 })).toMatchObject({
        status: 'none',
        leader: 'tie',
        crossingShare: 0,
      });
    }
  });

  it('is deterministic given the seed', () => {
    expect(crossover(a, b, { seed: 5, resamples: 20 })).toEqual(crossover(a, b, { seed: 5, resamples: 20 }));
  });

  it('refuses lists of different lengths and bad counts', () => {
    expect(() => crossover(a, b.slice(1))).toThrow(/same cases/);
    expect(() => crossover([{ n: 5, c: 6 }], [{ n: 5, c: 1 }])).toThrow(/crossover \(a\): case 0 has c = 6/);
    expect(() => crossover(a, b, { kMax: 1 })).toThrow(/kMax/);
  });
});
