import type { CaseCounts } from './case-counts.js';
import { describeMethod } from './extrapolation/describe-method.js';
import { extrapolate } from './extrapolation/extrapolate.js';
import { passAtK } from './pass-at-k.js';
import { passHatK } from './pass-hat-k.js';
import { standardError } from './standard-error.js';

/** One k of a table: pass@k observed (k ≤ every n) or extrapolated (beyond), and pass^k where observed. */
export interface KTableRow {
  readonly k: number;
  readonly passAtK: {
    readonly estimate: number;
    readonly lower: number;
    readonly upper: number;
    readonly source: 'observed' | 'extrapolated';
  };
  /** pass^k with its interval, where k ≤ every case's n. */
  readonly passHatK?: { readonly estimate: number; readonly lower: number; readonly upper: number };
}

/** pass@k and pass^k for a set of cases at several k, and pass@∞, all with intervals. */
export interface KTable {
  readonly cases: number;
  /** The smallest n of any case: pass@k is observed up to it. */
  readonly minimumN: number;
  readonly level: number;
  readonly rows: readonly KTableRow[];
  readonly passAtInfinity: { readonly estimate: number; readonly lower: number; readonly upper: number };
  /** How the extrapolation was made: the model selected. */
  readonly method: string;
  /** Which model the data chose beyond n and how sure they made it, in one line (`describeMethod`). */
  readonly methodDetail: string;
}

/** The mean of a per-case estimator with a CLT interval over cases (a point interval for a single case). */
function meanWithInterval(values: readonly number[], level: number) {
  if (values.length < 2) {
    const estimate = values[0] ?? 0;
    return { estimate, lower: estimate, upper: estimate };
  }
  const interval = standardError(values, { level });
  return {
    estimate: interval.estimate,
    lower: Math.max(0, interval.lower),
    upper: Math.min(1, interval.upper),
  };
}

/**
 * Builds the table `informal stats` prints: where k ≤ every case's n, pass@k and pass^k from the unbiased
 * estimators with intervals over cases; beyond that, pass@k from `extrapolate`, marked as such; and pass@∞.
 */
export function kTable(
  cases: readonly CaseCounts[],
  ks: readonly number[],
  options: { level?: number; seed?: number } = {},
): KTable {
  if (cases.length === 0) throw new RangeError('kTable: no cases');
  const level = options.level ?? 0.9;
  const minimumN = Math.min(...cases.map((counts) => counts.n));
  const beyond = ks.filter((k) => k > minimumN);
  const extrapolation = extrapolate(cases, {
    ks: beyond.length > 0 ? beyond : [Math.max(minimumN, 1)],
    level,
    seed: options.seed ?? 0,
  });
  const drawn = meanWithInterval(
    cases.map((counts) => passAtK(counts.n, counts.c, minimumN)),
    level,
  );
  const rows = ks.map((k): KTableRow => {
    if (k <= minimumN) {
      return {
        k,
        passAtK: {
          ...meanWithInterval(
            cases.map((counts) => passAtK(counts.n, counts.c, k)),
            level,
          ),
          source: 'observed',
        },
        passHatK: meanWithInterval(
          cases.map((counts) => passHatK(counts.n, counts.c, k)),
          level,
        ),
      };
    }
    const predicted = extrapolation.passAtK.find((prediction) => prediction.k === k);
    // pass@k never decreases in k: beyond the samples drawn it is at least the pass@k observed at the largest k
    // drawn, and at least its value at any smaller k, whatever the fitted model says where it meets the data.
    const floor = floorAt(k);
    const estimate = Math.max(predicted?.estimate ?? Number.NaN, floor.estimate);
    return {
      k,
      passAtK: {
        estimate,
        lower: Math.max(predicted?.lower ?? Number.NaN, floor.lower),
        upper: Math.max(predicted?.upper ?? Number.NaN, estimate),
        source: 'extrapolated',
      },
    };
  });
  const highest = rows.reduce((most, row) => Math.max(most, row.passAtK.estimate), Number.NEGATIVE_INFINITY);
  const infinity = extrapolation.passAtInfinity;
  const infinityEstimate = Math.max(infinity.estimate, highest);
  return {
    cases: cases.length,
    minimumN,
    level,
    rows,
    passAtInfinity: { ...infinity, estimate: infinityEstimate, upper: Math.max(infinity.upper, infinityEstimate) },
    method: extrapolation.method.selected,
    methodDetail: describeMethod(extrapolation.method),
  };

  /** The lowest pass@k beyond the samples may be: pass@k at the largest k drawn, and the model's at smaller ks. */
  function floorAt(k: number): { estimate: number; lower: number } {
    let estimate = drawn.estimate;
    let lower = drawn.lower;
    for (const prediction of extrapolation.passAtK) {
      if (prediction.k >= k) continue;
      estimate = Math.max(estimate, prediction.estimate);
      lower = Math.max(lower, prediction.lower);
    }
    return { estimate, lower };
  }
}
