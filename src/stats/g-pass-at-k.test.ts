import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gPassAtK } from './g-pass-at-k.js';
import { mgPassAtK } from './mg-pass-at-k.js';
import { passAtK } from './pass-at-k.js';
import { passHatK } from './pass-hat-k.js';
import { binomial, ratioToNumber } from './testing/exact-rational.js';
import { readSharedCsv } from './testing/shared-data.js';

/** Σ_{j=m..min(c,k)} C(c, j) C(n−c, k−j) / C(n, k) exactly. */
function exactUpperTail(n: number, c: number, k: number, m: number): number {
  const first = Math.max(m, 0, k - (n - c));
  let term = binomial(c, first) * binomial(n - c, k - first);
  let numerator = 0n;
  for (let j = first; j <= Math.min(c, k); j++) {
    numerator += term;
    // T_{j+1} (j + 1)(n − c − k + j + 1) = T_j (c − j)(k − j), exactly.
    term = (term * BigInt((c - j) * (k - j))) / BigInt((j + 1) * (n - c - k + j + 1));
  }
  return ratioToNumber(numerator, binomial(n, k));
}

const counts = (maxN: number) =>
  fc
    .integer({ min: 1, max: maxN })
    .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), fc.integer({ min: 1, max: n })));

describe(`G-Pass@k and mG-Pass@k on gpassk_vectors.csv`, () => {
  it('reproduces every row within 1e-12', () => {
    const rows = readSharedCsv('gpassk_vectors.csv');
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      const [n, c, k, tau] = [Number(row.n), Number(row.c), Number(row.k), Number(row.tau)];
      const where = `n=${n} c=${c} k=${k} tau=${tau}`;
      expect(Math.abs(gPassAtK(n, c, k, tau) - Number(row.g_pass_at_k_tau_exact)), where).toBeLessThan(1e-12);
      expect(Math.abs(mgPassAtK(n, c, k) - Number(row.mg_pass_at_k_exact)), where).toBeLessThan(1e-12);
    }
  });
});

describe('G-Pass@k', () => {
  it('computes ⌈τk⌉ exactly: τ = 0.28, k = 25 needs 7 successes, not 8', () => {
    expect(0.28 * 25).toBeGreaterThan(7);
    expect(gPassAtK(30, 10, 25, 0.28)).toBeCloseTo(exactUpperTail(30, 10, 25, 7), 14);
    expect(gPassAtK(30, 10, 25, 0.28)).toBeGreaterThan(exactUpperTail(30, 10, 25, 8));
  });

  it('refuses k > n and τ outside [0, 1]', () => {
    expect(() => gPassAtK(5, 2, 6, 0.5)).toThrow(/undefined for k > n/);
    expect(() => gPassAtK(5, 2, 3, 1.5)).toThrow(/tau must be a number between 0 and 1/);
    expect(() => gPassAtK(5, 2, 3, -0.1)).toThrow(RangeError);
    expect(() => gPassAtK(5, 2, 3, Number.NaN)).toThrow(RangeError);
  });

  it('is pass@k as τ → 0 and pass^k at τ = 1', () => {
    fc.assert(
      fc.property(counts(3000), fc.double({ min: 0, max: 1, noNaN: true }), ([n, c, k], fraction) => {
        const small = (fraction * 0.999) / k; // any τ ≤ 1/k needs one success
        expect(Math.abs(gPassAtK(n, c, k, 0) - passAtK(n, c, k))).toBeLessThan(1e-13);
        expect(Math.abs(gPassAtK(n, c, k, small) - passAtK(n, c, k))).toBeLessThan(1e-13);
        const hat = passHatK(n, c, k);
        expect(Math.abs(gPassAtK(n, c, k, 1) - hat)).toBeLessThanOrEqual(1e-12 * hat + 1e-300);
      }),
    );
  });

  it('falls as τ rises', () => {
    fc.assert(
      fc.property(counts(500), fc.double({ min: 0, max: 1, noNaN: true }), ([n, c, k], tau) => {
        expect(gPassAtK(n, c, k, tau)).toBeGreaterThanOrEqual(gPassAtK(n, c, k, Math.min(1, tau + 0.1)) - 1e-15);
      }),
    );
  });

  it('agrees with exact arithmetic within 1e-12 absolute and 1e-11 relative', () => {
    fc.assert(
      fc.property(counts(400), fc.double({ min: 0, max: 1, noNaN: true }), ([n, c, k], tau) => {
        const m = Math.max(1, Math.ceil(tau * k - 1e-9));
        const exact = exactUpperTail(n, c, k, m);
        const value = hypergeometricFor(n, c, k, m);
        expect(Math.abs(value - exact)).toBeLessThanOrEqual(Math.min(1e-12, 1e-11 * exact) + 1e-300);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with exact arithmetic for large n', () => {
    const cases: [number, number, number, number][] = [
      [1_000_000, 500_000, 1_000, 0.5],
      [1_000_000, 500_000, 1_000, 0.56],
      [1_000_000, 100_000, 2_000, 0.12],
      [1_000_000, 100_000, 2_000, 0.05],
      [1_000_000, 999_990, 1_000, 1],
      [200_000, 150_000, 600, 0.9],
    ];
    for (const [n, c, k, tau] of cases) {
      const exact = exactUpperTail(n, c, k, Math.max(1, Math.round(tau * k)));
      const value = gPassAtK(n, c, k, tau);
      expect(Math.abs(value - exact), `n=${n} c=${c} k=${k} tau=${tau}`).toBeLessThan(1e-12);
      expect(Math.abs(value - exact) / exact, `relative, n=${n} c=${c} k=${k} tau=${tau}`).toBeLessThan(1e-11);
    }
  });
});

describe('mG-Pass@k', () => {
  it('is (2/k) Σ_{i=⌈k/2⌉+1..k} G-Pass@k_{i/k}', () => {
    fc.assert(
      fc.property(counts(300), ([n, c, k]) => {
        let sum = 0;
        for (let i = Math.ceil(k / 2) + 1; i <= k; i++) sum += exactUpperTail(n, c, k, i);
        expect(Math.abs(mgPassAtK(n, c, k) - (2 / k) * sum)).toBeLessThan(1e-12);
      }),
      { numRuns: 200 },
    );
  });

  it('is 0 at k = 1 and 2(k − ⌈k/2⌉)/k when every sample succeeded', () => {
    expect(mgPassAtK(10, 10, 1)).toBe(0);
    expect(mgPassAtK(10, 10, 5)).toBeCloseTo(0.8, 15);
    expect(mgPassAtK(10, 10, 4)).toBeCloseTo(1, 15);
  });

  it('is finite at n = 10^6 (its speed is in bench/)', () => {
    const value = mgPassAtK(1_000_000, 600_000, 500_000);
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThanOrEqual(1);
  });
});

/** G-Pass at an integer threshold m, through a τ that is exactly m/k as a decimal would be ambiguous. */
function hypergeometricFor(n: number, c: number, k: number, m: number): number {
  // τ = (m − 0.5)/k has ⌈τk⌉ = m for any k, whatever decimal it prints as.
  return gPassAtK(n, c, k, m === 1 ? 0 : Math.min(1, (m - 0.5) / k));
}
