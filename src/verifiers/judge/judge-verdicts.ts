import type { JudgeVerdicts } from '../../contracts/score.js';

/** Mean, spread and pairwise agreement (at 0.5) of a judge's sample scores. */
export function summarizeVerdicts(
  judge: string,
  interpreterId: string,
  values: readonly (number | null)[],
): JudgeVerdicts {
  const read = values.filter((value): value is number => value !== null);
  if (read.length === 0) return { judge, interpreterId, values, mean: null, spread: null, agreement: null };
  const mean = read.reduce((sum, value) => sum + value, 0) / read.length;
  const spread = Math.sqrt(read.reduce((sum, value) => sum + (value - mean) ** 2, 0) / read.length);
  let agreement: number | null = null;
  if (read.length >= 2) {
    const passes = read.filter((value) => value >= 0.5).length;
    const fails = read.length - passes;
    const pairs = (read.length * (read.length - 1)) / 2;
    agreement = ((passes * (passes - 1)) / 2 + (fails * (fails - 1)) / 2) / pairs;
  }
  return { judge, interpreterId, values, mean, spread, agreement };
}
