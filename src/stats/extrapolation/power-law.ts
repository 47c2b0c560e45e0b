import type { CaseCounts } from '../case-counts.js';
import { logSpacedKs, observedPassAtK } from './observed-curve.js';

/** A power law −log pass@k = a·k^(−b), or a flat curve when it cannot be fitted. */
export interface PowerLawFit {
  /** The fitted a and b; absent when fewer than two observed pass@k lie strictly between 0 and 1. */
  parameters?: { a: number; b: number };
  /** pass@k at any k ≥ 1 under the fit (the observed pass@k at the largest k when there is no fit). */
  predict(k: number): number;
}

/**
 * Fits −log pass@k = a·k^(−b) (Brown et al. 2024, "Large Language Monkeys") by least squares on
 * ln(−ln pass@k) = ln a − b·ln k, over the observed pass@k at about 30 log-spaced k in [1, min n].
 */
export function fitPowerLaw(cases: readonly CaseCounts[]): PowerLawFit {
  const top = Math.min(...cases.map(({ n }) => n));
  const ks = logSpacedKs(top, 30);
  const observed = observedPassAtK(cases, ks);
  const xs: number[] = [];
  const ys: number[] = [];
  ks.forEach((k, i) => {
    const value = observed[i] as number;
    if (value > 0 && value < 1) {
      xs.push(Math.log(k));
      ys.push(Math.log(-Math.log(value)));
    }
  });
  const last = observed[observed.length - 1] as number;
  if (xs.length < 2) return { predict: () => last };
  const meanX = xs.reduce((s, x) => s + x, 0) / xs.length;
  const meanY = ys.reduce((s, y) => s + y, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - meanX) * ((ys[i] as number) - meanY);
    sxx += (x - meanX) ** 2;
  });
  const slope = sxy / sxx;
  const a = Math.exp(meanY - slope * meanX);
  const b = -slope;
  return { parameters: { a, b }, predict: (k) => Math.exp(-a * k ** -b) };
}
