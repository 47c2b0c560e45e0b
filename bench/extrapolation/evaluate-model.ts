import { fileURLToPath } from 'node:url';
import { type BetaBinomialPrior, extrapolate } from '../../src/stats/extrapolation/index.js';
import { subsampleCases } from '../../src/stats/extrapolation/subsample-cases.js';
import { passAtK } from '../../src/stats/pass-at-k.js';
import { createSeededRandom } from '../../src/stats/seeded-random.js';
import { betaBinomialBaseline, powerLawBaseline } from './baselines.js';
import { type ModelCounts, readCounts } from './read-counts.js';

/** The data set of the benchmark. */
export const DATA = fileURLToPath(new URL('../../data/pythia_checkpoints_gsm8k_varn.csv', import.meta.url));

/** The models of the benchmark: those with n ≥ 10,000 on every problem. */
export function benchModels(path = DATA): ModelCounts[] {
  return readCounts(path).filter(({ cases }) => cases.every(({ n }) => n >= 10_000));
}

/** The benchmark's subsample of seed `seed`: `draws` outcomes per problem, without replacement. */
export function benchSubsample(cases: readonly { n: number; c: number }[], seed: number, draws = 100) {
  return subsampleCases(cases, () => draws, createSeededRandom(7919 * (seed + 1)));
}

/** pass@K from all n, averaged over problems: the truth the predictions are scored against. */
export function fullDataPassAtK(cases: readonly { n: number; c: number }[], ks: readonly number[]): number[] {
  return ks.map((k) => cases.reduce((sum, { n, c }) => sum + passAtK(n, c, k), 0) / cases.length);
}

/** The benchmark's settings. */
export interface BenchSettings {
  ks: number[];
  seeds: number;
  draws: number;
  level: number;
  /** The prior of each model (its leave-one-model-out choice); `extrapolate`'s default where absent. */
  priors?: Record<string, BetaBinomialPrior>;
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
  const truth = fullDataPassAtK(cases, ks);
  const prior = settings.priors?.[model];
  const sums = { ours: ks.map(() => 0), betaBinomial: ks.map(() => 0), powerLaw: ks.map(() => 0) };
  const covered = ks.map(() => 0);
  const width = ks.map(() => 0);
  const selected: Record<string, number> = {};
  for (let seed = 0; seed < seeds; seed++) {
    const subsample = benchSubsample(cases, seed, draws);
    const result = extrapolate(subsample, { ks, level, seed, ...(prior === undefined ? {} : { prior }) });
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
