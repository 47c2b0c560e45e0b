import type { HedgedCapital } from './hedged-capital.js';

/**
 * Where the data put the mean against the capital's null value m, at error rate α: `above` once the bet on "above"
 * holds 2/α (so ½K⁺ ≥ 1/α), `below` once the bet on "below" does, `open` while neither does. When the mean is m,
 * the chance that either side is ever reached, however often this is asked, is at most α; when the mean lies
 * below m, the chance of `above` is at most α/2 (and likewise for `below`).
 */
export type ThresholdSide = 'above' | 'below' | 'open';

/** The side of the null value the capital has shown, at error rate α in (0, 1). */
export function thresholdSide(capital: HedgedCapital, alpha: number): ThresholdSide {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`an error rate lies in (0, 1), got ${alpha}`);
  const bar = Math.log(2 / alpha);
  if (capital.logUpper >= bar) return 'above';
  if (capital.logLower >= bar) return 'below';
  return 'open';
}
