import { describe, expect, it } from 'vitest';
import type { CaseOutcomes } from './case-outcomes.js';
import { extrapolate } from './extrapolation/extrapolate.js';
import type { MetricReference } from './metric-reference.js';
import { metricName, metricValue } from './metric-value.js';
import { readSharedCsv } from './testing/shared-data.js';

/** A case with c successes (score 1) and n − c failures (score 0), and no errors. */
const counts = (caseId: string, n: number, c: number): CaseOutcomes => ({
  caseId,
  n,
  c,
  scores: [...Array(c).fill(1), ...Array(n - c).fill(0)],
  errors: 0,
  drawn: n,
});

const defined = (value: ReturnType<typeof metricValue>) => {
  if (!value.defined) throw new Error(`undefined: ${value.reason}`);
  return value;
};

/** Checks every row of a shared vector file, case by case and as a suite (rows grouped by metric). */
function checkVectors(
  file: string,
  metricOf: (row: Record<string, string>) => MetricReference,
  exactColumn: string,
  outcomesOf: (row: Record<string, string>, caseId: string) => CaseOutcomes = (row, caseId) =>
    counts(caseId, Number(row.n), Number(row.c)),
): number {
  const groups = new Map<string, { metric: MetricReference; cases: CaseOutcomes[]; exact: number[] }>();
  readSharedCsv(file).forEach((row, index) => {
    const metric = metricOf(row);
    const outcomes = outcomesOf(row, `row${index}`);
    if (row[exactColumn] === 'undefined') {
      // The vectors mark k > n: no unbiased estimator exists, and the runner says why.
      const none = metricValue(metric, [outcomes], { caseId: outcomes.caseId });
      expect(none.defined ? none.value : none.reason).toMatch(/fewer than k = \d+/);
      return;
    }
    const exact = Number(row[exactColumn]);
    const single = defined(metricValue(metric, [outcomes], { caseId: outcomes.caseId }));
    expect(single.value, `${file} row ${index}`).toBeCloseTo(exact, 10);
    expect(single.interval?.lower).toBeLessThanOrEqual(single.value);
    expect(single.interval?.upper).toBeGreaterThanOrEqual(single.value);
    const group = groups.get(metricName(metric)) ?? { metric, cases: [], exact: [] };
    group.cases.push(outcomes);
    group.exact.push(exact);
    groups.set(metricName(metric), group);
  });
  for (const { metric, cases, exact } of groups.values()) {
    if (cases.length < 2) continue;
    const suite = defined(metricValue(metric, cases));
    expect(suite.value).toBeCloseTo(exact.reduce((sum, value) => sum + value, 0) / exact.length, 10);
  }
  return groups.size;
}

describe('metric values match the exact test vectors', () => {
  it(`pass@k`, () => {
    expect(
      checkVectors('passk_vectors.csv', (row) => ({ name: 'pass@k', k: Number(row.k) }), 'pass_at_k_exact'),
    ).toBeGreaterThan(3);
  });

  it(`pass^k`, () => {
    checkVectors('passhatk_vectors.csv', (row) => ({ name: 'pass^k', k: Number(row.k) }), 'pass_hat_k_exact');
  });

  it(`G-Pass@k at τ`, () => {
    checkVectors(
      'gpassk_vectors.csv',
      (row) => ({ name: 'g-pass@k', k: Number(row.k), tau: Number(row.tau) }),
      'g_pass_at_k_tau_exact',
    );
  });

  it(`capped expected attempts`, () => {
    checkVectors(
      'expected_attempts_vectors.csv',
      (row) => ({ name: 'attempts', budget: Number(row.B) }),
      'expected_attempts_capped_exact',
    );
  });

  it(`max@k on real scores`, () => {
    checkVectors(
      'maxk_vectors.csv',
      (row) => ({ name: 'max@k', k: Number(row.k) }),
      'max_at_k_exact',
      (row, caseId) => {
        const scores = (row.scores ?? '').split(';').map(Number);
        return {
          caseId,
          n: scores.length,
          c: scores.filter((s) => s === 1).length,
          scores,
          errors: 0,
          drawn: scores.length,
        };
      },
    );
  });
});

describe('metric values computed by hand', () => {
  const real = (caseId: string, scores: number[], errors = 0): CaseOutcomes => ({
    caseId,
    n: scores.length,
    c: scores.filter((score) => score === 1).length,
    scores,
    errors,
    drawn: scores.length + errors,
  });

  it('mean score: the mean over cases of each case mean', () => {
    const cases = [real('a', [0.5, 1, 0]), real('b', [0.2, 0.4])];
    expect(defined(metricValue({ name: 'mean-score' }, cases)).value).toBeCloseTo((0.5 + 0.3) / 2, 14);
    expect(defined(metricValue({ name: 'mean-score' }, cases, { caseId: 'b' })).value).toBeCloseTo(0.3, 14);
  });

  it('error rate: the mean over cases of the share of samples that failed', () => {
    const cases = [real('a', [1, 1, 0], 1), real('b', [1], 3)];
    // a: 1 of 4 samples failed; b: 3 of 4.
    expect(defined(metricValue({ name: 'error-rate' }, cases)).value).toBeCloseTo(0.5, 14);
  });

  it('pass@∞: the extrapolation over every case, with its interval', () => {
    const cases = [counts('a', 20, 0), counts('b', 20, 3), counts('c', 20, 12), counts('d', 20, 0)];
    const fit = extrapolate(
      cases.map(({ n, c }) => ({ n, c })),
      { ks: [1], level: 0.95, seed: 0 },
    ).passAtInfinity;
    const value = defined(metricValue({ name: 'pass@inf' }, cases));
    expect(value.value).toBe(fit.estimate);
    expect(value.interval).toMatchObject({ lower: fit.lower, upper: fit.upper, method: 'extrapolation' });
    expect(value.noise).toBeUndefined();
  });

  it('the interval over cases: mean ± 1.96 standard errors, from the spread of the case values', () => {
    const value = defined(metricValue({ name: 'pass@k', k: 1 }, [counts('a', 100, 40), counts('b', 100, 60)]));
    expect(value.value).toBeCloseTo(0.5, 14);
    // Values 0.4 and 0.6: sample variance 0.02, standard error √(0.02/2) = 0.1.
    expect(value.interval?.standardError).toBeCloseTo(0.1, 12);
    expect(value.interval?.lower).toBeCloseTo(0.5 - 1.959963984540054 * 0.1, 10);
    expect(value.interval?.upper).toBeCloseTo(0.5 + 1.959963984540054 * 0.1, 10);
    expect(value.interval?.method).toBe('cases');
  });

  it('never narrower than the cases’ own sampling noise, even when every case has the same value', () => {
    const value = defined(metricValue({ name: 'pass@k', k: 1 }, [counts('a', 10, 0), counts('b', 10, 0)]));
    expect(value.value).toBe(0);
    // Each case's Wilson interval [0, u] stands for a standard error u/(2z); over two cases z·SE = u/(2√2).
    const z2 = 1.959963984540054 ** 2;
    expect(value.interval?.upper).toBeCloseTo(z2 / (10 + z2) / (2 * Math.SQRT2), 12);
  });

  it('one case: the Wilson interval of its success rate, mapped through the metric', () => {
    // 0 of 10 at 95%: the Wilson upper end is z²/(n + z²).
    const z2 = 1.959963984540054 ** 2;
    const wilsonUpper = z2 / (10 + z2);
    const single = defined(metricValue({ name: 'pass@k', k: 1 }, [counts('a', 10, 0)], { caseId: 'a' }));
    expect(single.interval?.lower).toBe(0);
    expect(single.interval?.upper).toBeCloseTo(wilsonUpper, 12);
    const at3 = defined(metricValue({ name: 'pass@k', k: 3 }, [counts('a', 10, 0)], { caseId: 'a' }));
    expect(at3.interval?.upper).toBeCloseTo(1 - (1 - wilsonUpper) ** 3, 12);
    // Capped attempts fall as p rises: the ends swap.
    const attempts = defined(metricValue({ name: 'attempts', budget: 4 }, [counts('a', 10, 0)], { caseId: 'a' }));
    expect(attempts.value).toBe(4);
    expect(attempts.interval?.lower).toBeCloseTo((1 - (1 - wilsonUpper) ** 4) / wilsonUpper, 12);
    expect(attempts.interval?.upper).toBe(4);
  });

  it('says why a metric is undefined', () => {
    const short = metricValue({ name: 'pass@k', k: 8 }, [counts('a', 10, 3), counts('b', 5, 1)]);
    expect(short).toEqual({ defined: false, reason: 'case "b" has 5 scored samples, fewer than k = 8' });
    expect(metricValue({ name: 'pass@k', k: 1 }, [counts('a', 10, 3)], { caseId: 'zz' })).toEqual({
      defined: false,
      reason: 'no case "zz" in the run',
    });
    expect(metricValue({ name: 'mean-score' }, [])).toEqual({ defined: false, reason: 'no cases' });
  });
});
