import { mean } from '../sample-moments.js';

/** What the cost statistics need of one case: its counts and the dollars of every sample drawn for it. */
export interface CaseCosts {
  /** The case's id, unique within the program. */
  readonly caseId: string;
  /** Samples scored for the case, a non-negative integer. */
  readonly n: number;
  /** Successes among them, an integer between 0 and n. */
  readonly c: number;
  /**
   * The dollars of every sample drawn for the case, failed ones included, in sample order (at least `n` of them), or
   * of a uniform subsample of them for a case of many samples; each finite and not negative.
   */
  readonly costs: readonly number[];
}

/**
 * Refuses a case whose counts or costs are malformed: the caller built them wrong, so a RangeError names the case
 * and the field. `what` names the statistic in the message.
 */
export function checkCaseCosts(what: string, costs: CaseCosts): void {
  const { caseId, n, c } = costs;
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`${what}: case "${caseId}": n must be a non-negative integer, got ${n}`);
  }
  if (!Number.isInteger(c) || c < 0 || c > n) {
    throw new RangeError(`${what}: case "${caseId}": c must be an integer between 0 and n = ${n}, got ${c}`);
  }
  if (costs.costs.length === 0 && n > 0) {
    throw new RangeError(`${what}: case "${caseId}": costs must hold the drawn samples' dollars, got none of ${n}`);
  }
  costs.costs.forEach((cost, index) => {
    if (!(Number.isFinite(cost) && cost >= 0)) {
      throw new RangeError(`${what}: case "${caseId}": cost ${index} must be a finite number ≥ 0, got ${cost}`);
    }
  });
}

/** The mean dollars of a case's drawn samples; undefined when none was drawn. */
export function meanCaseCost(costs: CaseCosts): number | undefined {
  return costs.costs.length === 0 ? undefined : mean(costs.costs);
}
