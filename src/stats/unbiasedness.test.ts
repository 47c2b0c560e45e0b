import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cappedAttempts } from './capped-attempts.js';
import { gPassAtK } from './g-pass-at-k.js';
import { maxAtK } from './max-at-k.js';
import { passAtK } from './pass-at-k.js';
import { passHatK } from './pass-hat-k.js';

/*
 * Unbiasedness, checked exactly: for c ~ Binomial(n, p), E[estimator(n, c)] = Σ_c P(c) estimator(n, c) must equal
 * the quantity estimated, to 1e-12, for every p and every small n.
 */

/** The Binomial(n, p) masses, C(n, c) p^c (1 − p)^(n−c) for c = 0..n (n small, so C(n, c) is exact). */
function binomialMasses(n: number, p: number): number[] {
  const masses: number[] = [];
  let coefficient = 1;
  for (let c = 0; c <= n; c++) {
    masses.push(coefficient * p ** c * (1 - p) ** (n - c));
    coefficient = (coefficient * (n - c)) / (c + 1);
  }
  return masses;
}

function expectation(n: number, p: number, estimator: (c: number) => number): number {
  return binomialMasses(n, p).reduce((sum, mass, c) => sum + mass * estimator(c), 0);
}

/** P(Binomial(k, p) ≥ m). */
function binomialUpperTail(k: number, p: number, m: number): number {
  return binomialMasses(k, p).reduce((sum, mass, j) => (j >= m ? sum + mass : sum), 0);
}

const design = fc
  .integer({ min: 1, max: 40 })
  .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }), fc.double({ min: 0, max: 1, noNaN: true })));

describe('unbiasedness over c ~ Binomial(n, p)', () => {
  it('pass@k: E = 1 − (1 − p)^k', () => {
    fc.assert(
      fc.property(design, ([n, k, p]) => {
        const mean = expectation(n, p, (c) => passAtK(n, c, k));
        expect(Math.abs(mean - (1 - (1 - p) ** k))).toBeLessThan(1e-12);
      }),
    );
  });

  it('pass^k: E = p^k', () => {
    fc.assert(
      fc.property(design, ([n, k, p]) => {
        expect(Math.abs(expectation(n, p, (c) => passHatK(n, c, k)) - p ** k)).toBeLessThan(1e-12);
      }),
    );
  });

  it('G-Pass@k_τ: E = P(Binomial(k, p) ≥ max(⌈τk⌉, 1))', () => {
    fc.assert(
      fc.property(design, fc.integer({ min: 0, max: 20 }), ([n, k, p], twentieths) => {
        const tau = twentieths / 20;
        const m = Math.max(1, Math.ceil((twentieths * k) / 20));
        const mean = expectation(n, p, (c) => gPassAtK(n, c, k, tau));
        expect(Math.abs(mean - binomialUpperTail(k, p, m))).toBeLessThan(1e-12);
      }),
    );
  });

  it('capped attempts: E = Σ_{j<B} (1 − p)^j, the capped mean of a geometric count', () => {
    fc.assert(
      fc.property(design, fc.boolean(), ([n, k, p], full) => {
        const B = full ? n + 1 : k;
        let truth = 0;
        for (let j = 0; j < B; j++) truth += (1 - p) ** j;
        expect(Math.abs(expectation(n, p, (c) => cappedAttempts(n, c, B)) - truth)).toBeLessThan(1e-12);
      }),
    );
  });

  it('max@k on pass/fail scores: E = 1 − (1 − p)^k', () => {
    fc.assert(
      fc.property(design, ([n, k, p]) => {
        const scoresWith = (c: number) => Array.from({ length: n }, (_, index) => (index < c ? 1 : 0));
        const mean = expectation(n, p, (c) => maxAtK(scoresWith(c), k));
        expect(Math.abs(mean - (1 - (1 - p) ** k))).toBeLessThan(1e-12);
      }),
    );
  });
});
