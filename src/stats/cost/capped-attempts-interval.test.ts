import { describe, expect, it } from 'vitest';
import { caseMetric } from '../case-metric.js';
import { cappedAttemptsInterval, expectedCappedAttempts } from './capped-attempts-interval.js';

describe('capped attempts interval', () => {
  it('is the interval of the attempts metric of a case', () => {
    for (const [n, c, budget] of [
      [10, 0, 10],
      [10, 3, 10],
      [10, 10, 11],
      [50, 7, 20],
      [1, 1, 1],
    ] as const) {
      const scores = [...Array(c).fill(1), ...Array(n - c).fill(0)];
      const expected = caseMetric({ name: 'attempts', budget }, { caseId: 'a', n, c, scores, errors: 0, drawn: n });
      if (!expected.defined) throw new Error(expected.reason);
      const interval = cappedAttemptsInterval(n, c, budget);
      expect(interval.value).toBe(expected.value);
      // Σ (1 − p)^j by expm1 here, by a power there: the same to rounding.
      expect(interval.lower).toBeCloseTo(expected.lower, 12);
      expect(interval.upper).toBeCloseTo(expected.upper, 12);
      expect(interval.level).toBe(0.95);
    }
  });

  it('maps probabilities to Σ_{j<B} (1 − p)^j', () => {
    expect(expectedCappedAttempts(0, 7)).toBe(7);
    expect(expectedCappedAttempts(1, 7)).toBe(1);
    expect(expectedCappedAttempts(0.5, 3)).toBeCloseTo(1 + 0.5 + 0.25, 14);
  });
});
