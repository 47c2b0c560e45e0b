import { extrapolate } from '../../src/stats/extrapolation/index.js';
import { subsampleCases } from '../../src/stats/extrapolation/subsample-cases.js';
import { passAtK } from '../../src/stats/pass-at-k.js';
import { createSeededRandom } from '../../src/stats/seeded-random.js';
import { betaBinomialBaseline, powerLawBaseline } from './baselines.js';
import type { ModelCounts } from './read-counts.js';

/** The benchmark's settings. */
export interface BenchSettings {
  ks: number[];
  seeds: number;
  draws: number;
  level: number;
}

/** One model's results: the truth and, per method, the mean absolute error at each K. */
export interface ModelResult {
  model: string;
  truth: number[];
  error: { ours: number[]; betaBinomial: number[]; powerLaw: number[] };
  /** The share of seeds whose interval held the truth, at each K. */
  coverage: number[];
  /** The mean interval width at each K. */
  width: number[];
  /** How often each model was selected by the cross-fit. */
  selected: Record<string, number>;
  seconds: number;
}

/**
 * For each seed, draws `draws` outcomes per problem without replacement, predicts pass@K with `extrapolate`
 * and both baselines, and scores them against pass@K from all n.
 */
export function evaluateModel({ model, cases }: ModelCounts, settings: BenchSettings): ModelResult {
  const started = Date.now();
  const { ks, seeds, draws, level } = settings;
  const truth = ks.map((k) => cases.reduce((sum, { n, c }) => sum + passAtK(n, c, k), 0) / cases.length);
  const sums = { ours: ks.map(() => 0), betaBinomial: ks.map(() => 0), powerLaw: ks.map(() => 0) };
  const covered = ks.map(() => 0);
  const width = ks.map(() => 0);
  const selected: Record<string, number> = {};
  for (let seed = 0; seed < seeds; seed++) {
    const subsample = subsampleCases(cases, () => draws, createSeededRandom(7919 * (seed + 1)));
    const result = extrapolate(subsample, { ks, level, seed });
    selected[result.method.selected] = (selected[result.method.selected] ?? 0) + 1;
    const bb = betaBinomialBaseline(subsample, ks);
    const law = powerLawBaseline(subsample, ks);
    ks.forEach((_, j) => {
      const t = truth[j] as number;
      const prediction = result.passAtK[j] as { estimate: number; lower: number; upper: number };
      sums.ours[j] = (sums.ours[j] as number) + Math.abs(prediction.estimate - t);
      sums.betaBinomial[j] = (sums.betaBinomial[j] as number) + Math.abs((bb[j] as number) - t);
      sums.powerLaw[j] = (sums.powerLaw[j] as number) + Math.abs((law[j] as number) - t);
      if (prediction.lower <= t && t <= prediction.upper) covered[j] = (covered[j] as number) + 1;
      width[j] = (width[j] as number) + prediction.upper - prediction.lower;
    });
  }
  const mean = (values: number[]) => values.map((v) => v / seeds);
  return {
    model,
    truth,
    error: { ours: mean(sums.ours), betaBinomial: mean(sums.betaBinomial), powerLaw: mean(sums.powerLaw) },
    coverage: mean(covered),
    width: mean(width),
    selected,
    seconds: (Date.now() - started) / 1000,
  };
}
