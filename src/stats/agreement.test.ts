import { describe, expect, it } from 'vitest';
import { cohensKappa } from './cohens-kappa.js';
import { averageRanks, spearman } from './rank-correlation.js';

describe('Spearman rank correlation', () => {
  it('gives tied values the mean of their ranks', () => {
    expect(averageRanks([10, 20, 20, 30, 20])).toEqual([1, 3, 3, 5, 3]);
  });

  it('reproduces a textbook example: IQ against hours of television, ρ = −29/165', () => {
    const iq = [106, 86, 100, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 0, 27, 50, 28, 29, 20, 12, 6, 17];
    const result = spearman(iq, tv);
    if (!result.defined) throw new Error(result.reason);
    expect(result.estimate).toBeCloseTo(-29 / 165, 12);
    expect(result.lower).toBeLessThan(result.estimate);
    expect(result.upper).toBeGreaterThan(result.estimate);
  });

  it('is 1 for any increasing relation and −1 for a decreasing one', () => {
    const x = [0.1, 0.4, 0.5, 0.9, 1];
    const up = spearman(
      x,
      x.map((v) => v ** 3),
    );
    const down = spearman(
      x,
      x.map((v) => -Math.exp(v)),
    );
    expect(up.defined && up.estimate).toBe(1);
    expect(down.defined && down.estimate).toBe(-1);
  });

  it('is undefined for a constant series or too few pairs, saying why', () => {
    expect(spearman([1, 2, 3, 4], [1, 1, 1, 1])).toMatchObject({ defined: false, reason: /constant/ });
    expect(spearman([1, 2, 3], [1, 2, 3])).toMatchObject({ defined: false, reason: /at least 4/ });
  });
});

describe("Cohen's kappa", () => {
  it('reproduces a textbook example: 20 both yes, 5 and 10 split, 15 both no, κ = 0.4', () => {
    const a: boolean[] = [];
    const b: boolean[] = [];
    const add = (count: number, x: boolean, y: boolean) => {
      for (let i = 0; i < count; i++) {
        a.push(x);
        b.push(y);
      }
    };
    add(20, true, true);
    add(5, true, false);
    add(10, false, true);
    add(15, false, false);
    const result = cohensKappa(a, b);
    if (!result.defined) throw new Error(result.reason);
    expect(result.observedAgreement).toBeCloseTo(0.7, 12);
    expect(result.chanceAgreement).toBeCloseTo(0.5, 12);
    expect(result.estimate).toBeCloseTo(0.4, 12);
    expect(result.standardError).toBeCloseTo(Math.sqrt((0.7 * 0.3) / 50) / 0.5, 12);
  });

  it('is 1 for perfect agreement and undefined when neither rater varies', () => {
    const verdicts = [true, false, true, true, false];
    expect(cohensKappa(verdicts, verdicts)).toMatchObject({ defined: true, estimate: 1 });
    expect(cohensKappa([true, true], [true, true])).toMatchObject({ defined: false, observedAgreement: 1 });
  });
});
