import type { IntervalEstimate } from './interval-estimate.js';
import { normalInterval } from './normal-interval.js';
import { checkValues, mean } from './sample-moments.js';
import type { StandardErrorOptions } from './standard-error.js';

/** A cluster-robust estimate: the interval and the number of groups it rests on. */
export interface ClusteredEstimate extends IntervalEstimate {
  /** The number of distinct groups; the interval is only as good as this number is large. */
  clusters: number;
}

/**
 * The mean of per-case values with the cluster-robust standard error for cases that share a group (questions
 * on one passage, variants of one template): Var = G/(G − 1) · (1/m²) Σ_g (Σ_{i∈g} (s_i − s̄))² over G groups
 * and m cases (Miller 2024, "Adding Error Bars to Evals", §2.2, with the G/(G − 1) small-sample correction
 * that Inspect AI's clustered `stderr` also applies). With one case per group it equals `standardError`
 * exactly; when cases within a group are positively correlated it is larger, often much larger.
 * Throws a RangeError for lists of different lengths, fewer than two groups, or non-finite values.
 */
export function clusteredStandardError(
  values: readonly number[],
  groups: readonly (string | number)[],
  options: StandardErrorOptions = {},
): ClusteredEstimate {
  checkValues('clustered standard error', values, 2);
  if (groups.length !== values.length) {
    throw new RangeError(
      `clustered standard error: needs one group per value, got ${groups.length} groups for ${values.length} values`,
    );
  }
  const center = mean(values);
  const residualSums = new Map<string | number, number>();
  values.forEach((value, index) => {
    const group = groups[index] as string | number;
    residualSums.set(group, (residualSums.get(group) ?? 0) + (value - center));
  });
  const clusters = residualSums.size;
  if (clusters < 2) {
    throw new RangeError(`clustered standard error: needs at least 2 groups, got ${clusters}`);
  }
  let sumOfSquares = 0;
  for (const residualSum of residualSums.values()) sumOfSquares += residualSum ** 2;
  const variance = ((clusters / (clusters - 1)) * sumOfSquares) / values.length ** 2;
  return { ...normalInterval(center, Math.sqrt(variance), options.level), clusters };
}
