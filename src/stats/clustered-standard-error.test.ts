import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusteredStandardError } from './clustered-standard-error.js';
import { standardError } from './standard-error.js';

describe('clustered standard error', () => {
  it('computes a worked example by hand', () => {
    // mean 0.5; residual sums per group: a +1, b −1, c 0; Var = 3/2 · 2/36 = 1/12
    const result = clusteredStandardError([1, 1, 0, 0, 1, 0], ['a', 'a', 'b', 'b', 'c', 'c']);
    expect(result.estimate).toBe(0.5);
    expect(result.standardError).toBeCloseTo(Math.sqrt(1 / 12), 15);
    expect(result.clusters).toBe(3);
  });

  it('equals the CLT standard error with one case per group', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 60 }), (values) => {
        const clustered = clusteredStandardError(
          values,
          values.map((_, index) => index),
        );
        expect(clustered.standardError).toBeCloseTo(standardError(values).standardError, 14);
      }),
    );
  });

  it('exceeds the naive standard error when cases within a group are correlated', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 0, max: 100 }).map((percent) => percent / 100),
          { minLength: 2, maxLength: 20 },
        ),
        fc.integer({ min: 2, max: 8 }),
        (groupValues, size) => {
          fc.pre(new Set(groupValues).size > 1);
          // Every case of a group has the group's value: the design effect is the group size.
          const values = groupValues.flatMap((value) => Array<number>(size).fill(value));
          const groups = groupValues.flatMap((_, group) => Array<number>(size).fill(group));
          const naive = standardError(values).standardError;
          const clustered = clusteredStandardError(values, groups).standardError;
          const count = values.length;
          const clusters = groupValues.length;
          const designEffect = (size * clusters * (count - 1)) / ((clusters - 1) * count);
          expect(clustered).toBeGreaterThan(naive);
          expect((clustered / naive) ** 2).toBeCloseTo(designEffect, 9);
        },
      ),
    );
  });

  it('refuses mismatched lists and a single group', () => {
    expect(() => clusteredStandardError([1, 0, 1], ['a', 'b'])).toThrow(/one group per value, got 2 groups for 3/);
    expect(() => clusteredStandardError([1, 0, 1], ['a', 'a', 'a'])).toThrow(/at least 2 groups, got 1/);
  });
});
