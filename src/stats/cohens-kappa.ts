import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { IntervalEstimate } from './interval-estimate.js';
import { checkLevel } from './normal-interval.js';

/** Cohen's κ between two raters' pass/fail verdicts, with the raw agreement it corrects. */
export type KappaEstimate =
  | ({
      readonly defined: true;
      readonly n: number;
      /** The share of items both raters put on the same side. */
      readonly observedAgreement: number;
      /** The agreement expected by chance from each rater's pass rate. */
      readonly chanceAgreement: number;
    } & IntervalEstimate)
  | { readonly defined: false; readonly n: number; readonly observedAgreement: number; readonly reason: string };

/**
 * Cohen's κ = (pₒ − pₑ) / (1 − pₑ) for two binary raters over the same items, with the large-sample standard
 * error √(pₒ(1 − pₒ) / n) / (1 − pₑ) and a normal interval. Undefined when chance agreement is 1 (both raters
 * gave one verdict to every item).
 */
export function cohensKappa(a: readonly boolean[], b: readonly boolean[], level = 0.95): KappaEstimate {
  checkLevel(level);
  if (a.length !== b.length) throw new RangeError(`verdicts of different lengths: ${a.length} and ${b.length}`);
  const n = a.length;
  if (n === 0) return { defined: false, n, observedAgreement: Number.NaN, reason: 'no items' };
  let agree = 0;
  let passA = 0;
  let passB = 0;
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) agree++;
    if (a[i]) passA++;
    if (b[i]) passB++;
  }
  const observed = agree / n;
  const chance = (passA / n) * (passB / n) + (1 - passA / n) * (1 - passB / n);
  if (chance >= 1) {
    return {
      defined: false,
      n,
      observedAgreement: observed,
      reason: 'both raters gave every item the same verdict, so agreement beyond chance is undefined',
    };
  }
  const kappa = (observed - chance) / (1 - chance);
  const standardError = Math.sqrt((observed * (1 - observed)) / n) / (1 - chance);
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  return {
    defined: true,
    n,
    observedAgreement: observed,
    chanceAgreement: chance,
    estimate: kappa,
    standardError,
    lower: Math.max(-1, kappa - z * standardError),
    upper: Math.min(1, kappa + z * standardError),
    level,
  };
}
