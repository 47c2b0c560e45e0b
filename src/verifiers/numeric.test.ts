import { describe, expect, it } from 'vitest';
import { findNumbers } from './find-numbers.js';
import { verifyExpression as verify } from './testing/verify-expression.js';

describe('findNumbers', () => {
  it('reads negatives, decimals, thousands separators and exponents inside prose', () => {
    const values = (text: string) => findNumbers(text).map((found) => found.value);
    expect(values('It costs $1,234,567.89, or -42 after tax, about 6.02e23 atoms and .5 more.')).toEqual([
      1234567.89, -42, 6.02e23, 0.5,
    ]);
    expect(values('The range is 3-5 km, CO2 is a gas, v2.0 shipped, x = −7.5 (Unicode minus), 1E-3.')).toEqual([
      3, 5, -7.5, 0.001,
    ]);
    expect(values('No numbers here.')).toEqual([]);
    expect(values('')).toEqual([]);
    expect(values('１２３ full-width digits are not ASCII digits')).toEqual([]);
  });
});

describe('numeric', () => {
  it('reads the last number in prose by default, or the first or the closest', async () => {
    expect((await verify('numeric(expected)', 'Step 1: 12 + 30. The answer is 42.', 42)).value).toBe(1);
    expect((await verify('numeric(1, { pick: "first" })', 'Step 1: 12 + 30. The answer is 42.')).value).toBe(1);
    expect((await verify('numeric(30, { pick: "closest" })', 'Step 1: 12 + 30. The answer is 42.')).value).toBe(1);
    expect((await verify('numeric', 'about -1,250.5 degrees', '-1250.5')).value).toBe(1);
    expect((await verify('numeric(-3)', 'minus three: -3')).value).toBe(1);
    expect((await verify('numeric(expected)', 7, 7)).value).toBe(1);
  });

  it('accepts absolute and relative tolerances, and grades linearly to zero_at', async () => {
    expect((await verify('numeric(0.3)', String(0.1 + 0.2))).value).toBe(1);
    expect((await verify('numeric(100, { tolerance: 0.5 })', '100.4')).value).toBe(1);
    expect((await verify('numeric(100, { tolerance: 0.5 })', '100.6')).value).toBe(0);
    expect((await verify('numeric(1000, { relative: 0.01 })', '1,009')).value).toBe(1);
    expect((await verify('numeric(1000, { relative: 0.01 })', '1,011')).value).toBe(0);
    // Full credit within 1, none at 11 and beyond, linear between: distance 6 earns (11 − 6) / (11 − 1) = 0.5.
    expect((await verify('numeric(100, { tolerance: 1, zero_at: 11 })', '106')).value).toBeCloseTo(0.5, 12);
    expect((await verify('numeric(100, { tolerance: 1, zero_at: 11 })', '94')).value).toBeCloseTo(0.5, 12);
    expect((await verify('numeric(100, { tolerance: 1, zero_at: 11 })', '120')).value).toBe(0);
  });

  it('scores 0 with a reason when there is no number, and handles empty, Unicode and very large outputs', async () => {
    expect(await verify('numeric(5)', '')).toMatchObject({ value: 0, explanation: 'no number in ""' });
    expect((await verify('numeric(5)', 'réponse : 5 €')).value).toBe(1);
    const large = `${'no digits in this sentence. '.repeat(40_000)}The total is 1,024.`;
    expect((await verify('numeric(1024)', large)).value).toBe(1);
  });

  it('gives an error score when the expected value at run time holds no number', async () => {
    const score = await verify('numeric(expected)', '5', 'five');
    expect(score).toMatchObject({ status: 'error', value: null, name: 'numeric', expression: 'numeric(expected)' });
    expect(score.explanation).toContain('holds no number');
    expect(score.span).toEqual({ start: 24, end: 41 }); // after `prog 1\nprogram p\nverify `
  });
});
