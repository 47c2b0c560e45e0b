import type { CaseCounts } from '../case-counts.js';
import { passAtK } from '../pass-at-k.js';

/** About `count` integers spread evenly in log scale over [1, top], without repeats. */
export function logSpacedKs(top: number, count: number): number[] {
  const ks = new Set<number>();
  for (let i = 0; i < count; i++) ks.add(Math.max(1, Math.round(top ** (i / Math.max(count - 1, 1)))));
  return [...ks].sort((x, y) => x - y);
}

/** The suite's observed pass@k (the mean of the unbiased per-case estimates) at each k; every k ≤ min n. */
export function observedPassAtK(cases: readonly CaseCounts[], ks: readonly number[]): number[] {
  return ks.map((k) => cases.reduce((sum, { n, c }) => sum + passAtK(n, c, k), 0) / cases.length);
}
