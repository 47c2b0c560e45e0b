import { caseEstimate, caseSamplingVariance, meanScoreVariance } from './case-metric.js';
import type { CaseOutcomes } from './case-outcomes.js';
import type { MetricReference } from './metric-reference.js';
import { metricName } from './metric-value.js';
import { type PairedDifference, pairedDifference } from './paired-difference.js';

/** One case's outcomes as a comparison takes them: its mean score stands in for its scores when they are gone. */
export interface ComparedCase extends CaseOutcomes {
  /** Mean of the scored samples' scores; null when none was scored. */
  readonly meanScore: number | null;
}

/** One metric on two sets of outcomes of the same cases (A and B), and their paired difference B − A. */
export interface MetricComparison {
  readonly metric: string;
  /** The metric in A and in B, over the shared cases; null where it is undefined. */
  readonly a: number | null;
  readonly b: number | null;
  /** B − A paired over cases, with its interval and p-value; absent with `reason` when it cannot be computed. */
  readonly difference?: PairedDifference;
  /** True when the interval of B − A excludes 0: a change beyond what sampling noise explains at this level. */
  readonly significant: boolean;
  readonly reason?: string;
}

/**
 * The per-case value of a metric, or undefined when the case cannot give it. The mean score comes from the scores
 * when they are at hand, from `meanScore` when they are not.
 */
function caseValue(metric: MetricReference, counts: ComparedCase): number | undefined {
  const scoresGone = counts.scores.length < counts.n && counts.scoreMean === undefined;
  if (metric.name === 'mean-score' && scoresGone) return counts.meanScore ?? undefined;
  if ((metric.name === 'max@k' && scoresGone) || metric.name === 'pass@inf' || metric.name === 'suite-k')
    return undefined;
  const estimate = caseEstimate(metric, counts);
  return 'value' in estimate ? estimate.value : undefined;
}

/** The sampling variance of one case's value of a metric (from its mean score when its scores are gone). */
function samplingVariance(metric: MetricReference, counts: ComparedCase): number {
  return caseSamplingVariance(metric, counts) ?? meanScoreVariance(counts.meanScore, counts.n);
}

const meanOf = (values: readonly number[]) =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * A metric of single cases compared between A and B on the same cases (each pair one case, A first): the means, and
 * B − A paired over cases with its interval at `level` (`pairedDifference`, never narrower than the cases' sampling
 * variances allow). Needs two cases, each able to give the metric in both. A case without its scores (read back
 * from counts) gives count metrics and, through `meanScore`, the mean score; not max@k, and pass@∞ of one case is
 * an extrapolation, not an estimate to pair.
 */
export function compareMetric(
  metric: MetricReference,
  pairs: readonly (readonly [ComparedCase, ComparedCase])[],
  level: number,
): MetricComparison {
  const name = metricName(metric);
  const a: number[] = [];
  const b: number[] = [];
  const variances: number[] = [];
  for (const [left, right] of pairs) {
    const valueA = caseValue(metric, left);
    const valueB = caseValue(metric, right);
    if (valueA === undefined || valueB === undefined) {
      return {
        metric: name,
        a: null,
        b: null,
        significant: false,
        reason: `case "${left.caseId}" cannot give ${name}`,
      };
    }
    a.push(valueA);
    b.push(valueB);
    variances.push(samplingVariance(metric, left) + samplingVariance(metric, right));
  }
  if (pairs.length < 2) {
    return {
      metric: name,
      a: meanOf(a),
      b: meanOf(b),
      significant: false,
      reason: 'a paired difference needs two shared cases',
    };
  }
  const difference = pairedDifference(b, a, { level, samplingVariances: variances });
  return {
    metric: name,
    a: meanOf(a),
    b: meanOf(b),
    difference,
    significant: difference.lower > 0 || difference.upper < 0,
  };
}
