import { describe, expect, it } from 'vitest';
import { whatWouldDecide } from './describe-significance.js';

describe('whatWouldDecide', () => {
  it('adds the judges’ share of the variance when it is measured and not negligible', () => {
    expect(whatWouldDecide({ verdict: 'uncertain', samplesPerCase: 40, judgeShare: 0.42 })).toBe(
      "about 40 samples per case would decide it; the judges' own noise is 42% of the variance: more answers per verdict narrow it without new outputs",
    );
    expect(whatWouldDecide({ verdict: 'uncertain', samplesPerCase: 40, judgeShare: 0.01 })).toBe(
      'about 40 samples per case would decide it',
    );
    expect(whatWouldDecide({ verdict: 'uncertain', note: 'at the threshold', judgeShare: 0.5 })).toMatch(
      /^at the threshold; the judges' own noise is 50%/,
    );
  });
});
