import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairedVarianceComponents, varianceComponents } from './variance-components.js';

describe('variance components', () => {
  it('computes a worked example by hand', () => {
    // rates 0.2 and 0.8; within = (2·8/90 + 8·2/90)/2 = 16/90; rate variance 0.18; noise = (16/90)/10
    const result = varianceComponents([
      { n: 10, c: 2 },
      { n: 10, c: 8 },
    ]);
    expect(result.cases).toBe(2);
    expect(result.mean).toBeCloseTo(0.5, 15);
    expect(result.withinCaseVariance).toBeCloseTo(16 / 90, 15);
    expect(result.betweenCaseVariance).toBeCloseTo(0.18 - 16 / 900, 15);
  });

  it('estimates p(1 − p) without bias: E[c(n − c)/(n(n − 1))] over Binomial(n, p)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, p) => {
        let expected = 0;
        let coefficient = 1;
        for (let c = 0; c <= n; c++) {
          const mass = coefficient * p ** c * (1 - p) ** (n - c);
          expected +=
            mass *
            varianceComponents([
              { n, c },
              { n, c },
            ]).withinCaseVariance;
          coefficient = (coefficient * (n - c)) / (c + 1);
        }
        expect(Math.abs(expected - p * (1 - p))).toBeLessThan(1e-12);
      }),
    );
  });

  it('gives no between-case variance to identical cases, and a paired comparison of equals none either', () => {
    const cases = [
      { n: 10, c: 5 },
      { n: 10, c: 5 },
      { n: 10, c: 5 },
    ];
    expect(varianceComponents(cases).betweenCaseVariance).toBe(0);
    const paired = pairedVarianceComponents(cases, cases);
    expect(paired.mean).toBe(0);
    expect(paired.betweenCaseVariance).toBe(0);
    expect(paired.withinCaseVariance).toBeCloseTo(2 * (25 / 90), 15);
  });

  it('refuses cases with fewer than two samples, fewer than two cases, and unmatched pairs', () => {
    expect(() =>
      varianceComponents([
        { n: 1, c: 1 },
        { n: 5, c: 1 },
      ]),
    ).toThrow(/case 0 needs n ≥ 2/);
    expect(() => varianceComponents([{ n: 5, c: 1 }])).toThrow(/at least 2 cases/);
    expect(() =>
      pairedVarianceComponents(
        [
          { n: 5, c: 1 },
          { n: 5, c: 1 },
        ],
        [
          { n: 5, c: 1 },
          { n: 5, c: 1 },
          { n: 5, c: 1 },
        ],
      ),
    ).toThrow(/same cases, got 2 and 3/);
  });
});
