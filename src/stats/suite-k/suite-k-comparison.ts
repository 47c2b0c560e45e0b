import type { CaseCounts } from '../case-counts.js';
import { quantiles } from '../extrapolation/quantile.js';
import { metricLevel } from '../metric-level.js';
import { defaultDraws, type SuiteKEstimate, suiteK } from './suite-k.js';

/** `suite_k@q` on two interpreters over the same cases, and how many times more attempts the second needs. */
export interface SuiteKComparison {
  readonly q: number;
  readonly level: number;
  /** `suite_k@q` on the reference (`a`) and on the other interpreter (`b`). */
  readonly a: SuiteKEstimate;
  readonly b: SuiteKEstimate;
  /**
   * b's suite_k over a's, with the interval of the ratio over independent posterior draws of both sides (their
   * samples are independent); Infinity where b may never solve the suite, NaN-free: 1 where both never do.
   */
  readonly ratio: { readonly estimate: number; readonly lower: number; readonly upper: number };
  /** Which side needs fewer attempts to solve the whole suite, when the ratio's interval excludes 1. */
  readonly fewer: 'a' | 'b' | 'neither';
}

function ratioOf(b: number, a: number): number {
  if (a === b) return 1; // both Infinity counts as a tie
  return b / a;
}

/**
 * Compares the attempts per case that solve the whole suite on two interpreters over the same cases: the headline
 * of a comparison of interpreters. Deterministic given `seed`. Throws where `suiteK` does.
 */
export function compareSuiteK(
  a: readonly CaseCounts[],
  b: readonly CaseCounts[],
  options: {
    readonly quantile?: number;
    readonly level?: number;
    readonly draws?: number;
    readonly seed?: number;
  } = {},
): SuiteKComparison {
  const q = options.quantile ?? 0.5;
  const level = options.level ?? metricLevel;
  const draws = options.draws ?? defaultDraws(Math.max(a.length, b.length));
  const seed = options.seed ?? 0;
  // Both estimates at the one seed, as each side's own report gives them; the ratio's draws pair a's with b's drawn
  // at another seed, so that the two sides' draws are independent, as their samples are.
  const left = suiteK(a, { quantile: q, level, draws, seed });
  const right = suiteK(b, { quantile: q, level, draws, seed });
  const independent = suiteK(b, { quantile: q, level, draws, seed: seed + 1 });
  const ratios = independent.quantileDraws.map((value, index) => ratioOf(value, left.quantileDraws[index] as number));
  // The draws' spread of the ratio, centred on the ratio of the estimates (as each side's interval is).
  const estimate = ratioOf(right.quantile.estimate, left.quantile.estimate);
  const [middle, low, high] = quantiles(ratios, [0.5, (1 - level) / 2, (1 + level) / 2]) as [number, number, number];
  const scale = Number.isFinite(estimate) && Number.isFinite(middle) && middle > 0 ? estimate / middle : 1;
  const ratio = {
    estimate,
    lower: Math.min(low, low * scale, estimate),
    upper: Math.max(high, high * scale, estimate),
  };
  const fewer = ratio.upper < 1 ? 'b' : ratio.lower > 1 ? 'a' : 'neither';
  return { q, level, a: left.quantile, b: right.quantile, ratio, fewer };
}
