import type { CaseCounts } from './case-counts.js';
import { passAtK } from './pass-at-k.js';

/** One point of a pass@k curve. */
export interface CurvePoint {
  readonly k: number;
  readonly value: number;
}

/** pass@k of the suite (the mean over cases) at k = 1, 2, 4, … up to the fewest scored samples of any case. */
export function passAtKCurve(cases: readonly CaseCounts[]): CurvePoint[] {
  if (cases.length === 0) return [];
  const fewest = Math.min(...cases.map((counts) => counts.n));
  const curve: CurvePoint[] = [];
  for (let k = 1; k <= fewest; k *= 2) {
    curve.push({ k, value: cases.reduce((sum, { n, c }) => sum + passAtK(n, c, k), 0) / cases.length });
  }
  return curve;
}
