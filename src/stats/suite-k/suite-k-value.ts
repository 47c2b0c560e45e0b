import type { CaseCounts } from '../case-counts.js';
import { intervalStandardError } from '../interval-standard-error.js';
import type { MetricValue } from '../metric-value.js';
import { type SuiteKResult, suiteK } from './suite-k.js';

/**
 * `suite_k@q` as a metric's value: the attempts per case that solve every case with chance q (`suiteK`), with
 * its interval from posterior draws of the cases' p. The value is Infinity where the model leaves some case a
 * chance of never being solvable large enough that no number of attempts reaches q; an expectation such as
 * `suite_k@0.5 <= 1000` then fails. Undefined when a case has no scored sample.
 */
export function suiteKValue(
  quantile: number,
  cases: readonly (CaseCounts & { readonly caseId?: string })[],
  level: number,
): MetricValue {
  if (cases.length === 0) return { defined: false, reason: 'no cases' };
  const empty = cases.find(({ n }) => n === 0);
  if (empty) {
    return {
      defined: false,
      reason: `case${empty.caseId === undefined ? '' : ` "${empty.caseId}"`} has no scored samples`,
    };
  }
  return suiteKMetricValue(
    suiteK(
      cases.map(({ n, c }) => ({ n, c })),
      { quantile, level },
    ),
  );
}

/** A `suiteK` result's quantile as a metric's value, with its interval (method `posterior`). */
export function suiteKMetricValue(result: SuiteKResult): MetricValue {
  const { quantile: estimate, level } = result;
  return {
    defined: true,
    value: estimate.estimate,
    interval: {
      lower: estimate.lower,
      upper: estimate.upper,
      level,
      standardError: Number.isFinite(estimate.upper)
        ? intervalStandardError(estimate.lower, estimate.upper, level)
        : Number.POSITIVE_INFINITY,
      method: 'posterior',
    },
  };
}
