import { isCountMetric, type MetricReference } from '../program/program.js';
import { passAtK } from '../stats/pass-at-k.js';
import { passHatK } from '../stats/pass-hat-k.js';

/** Successes out of scored samples for one case. */
export interface CaseCounts {
  readonly caseId: string;
  readonly n: number;
  readonly c: number;
}

/** A metric's value over a suite of cases, or why it has none. */
export type MetricValue =
  | { readonly defined: true; readonly value: number }
  | { readonly defined: false; readonly reason: string };

/** The name of a metric as written, such as `pass@10`. */
export function metricName(metric: MetricReference): string {
  switch (metric.name) {
    case 'pass@k':
      return `pass@${metric.k}`;
    case 'pass^k':
      return `pass^${metric.k}`;
    case 'max@k':
      return `max@${metric.k}`;
    case 'g-pass@k':
      return `g-pass@${metric.k}[${metric.tau}]`;
    case 'mean-score':
      return 'mean_score';
    case 'attempts':
      return `attempts@${metric.budget}`;
    case 'pass@inf':
      return 'pass@inf';
    case 'error-rate':
      return 'error_rate';
    default:
      return metric satisfies never;
  }
}

/** The mean over cases of a per-case estimator. Undefined when a case has fewer than k scored samples. */
export function metricValue(metric: MetricReference, cases: readonly CaseCounts[]): MetricValue {
  if (cases.length === 0) return { defined: false, reason: 'no cases' };
  if (!isCountMetric(metric)) return { defined: false, reason: `${metricName(metric)} is not computed by this runner` };
  const short = cases.find((counts) => counts.n < metric.k);
  if (short) {
    return {
      defined: false,
      reason: `case "${short.caseId}" has ${short.n} scored samples, fewer than k = ${metric.k}`,
    };
  }
  const estimator = metric.name === 'pass@k' ? passAtK : passHatK;
  let total = 0;
  for (const counts of cases) total += estimator(counts.n, counts.c, metric.k);
  return { defined: true, value: total / cases.length };
}
