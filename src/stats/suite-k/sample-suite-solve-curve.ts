import type { CaseCounts } from '../case-counts.js';

/**
 * The unbiased estimate of the suite's solve curve within the samples: `curve[k]` = Π_i pass@k_i for k from 0 to
 * the fewest samples any case has (`curve[0]` is 0: no attempt solves nothing). Each pass@k_i is the unbiased
 * estimator 1 − C(n_i − c_i, k)/C(n_i, k), and the cases are sampled independently, so the product is unbiased
 * for Π_i (1 − (1 − p_i)^k). Built in one pass per case from the ratio C(n − c, k + 1)/C(n, k + 1) =
 * C(n − c, k)/C(n, k) · (1 − c/(n − k)), so the whole curve costs cases × n, not cases × n × k.
 */
export function sampleSuiteSolveCurve(cases: readonly CaseCounts[]): Float64Array {
  const fewest = Math.min(...cases.map(({ n }) => n));
  const logCurve = new Float64Array(fewest + 1);
  logCurve[0] = Number.NEGATIVE_INFINITY;
  for (const { n, c } of cases) {
    let logNoSuccess = 0;
    for (let k = 1; k <= fewest; k++) {
      // ln(1 − c/(n − k + 1)) is −∞ once every remaining sample would be a success: pass@k is then 1.
      if (logNoSuccess > Number.NEGATIVE_INFINITY) logNoSuccess += Math.log1p(-c / (n - k + 1));
      logCurve[k] = (logCurve[k] as number) + Math.log(-Math.expm1(logNoSuccess));
    }
  }
  return logCurve.map(Math.exp);
}
