import { mean, sampleVariance } from '../sample-moments.js';

/** A case's scores with, where its judges were sampled more than once, the variance they add to each score. */
export interface JudgedCase {
  readonly scores: readonly number[];
  /** Per score, in the order of `scores`, the variance the judges add to it (`sampleJudgeVariance`). */
  readonly judgeVariances?: readonly (number | undefined)[];
}

/**
 * The variance of a mean score over cases, split in three: how far the cases' true means differ (between-case),
 * how far one output's true score varies from its case's mean (within-case sampling), and how far a verdict varies
 * from call to call of its judge (judge, σ²_judge/r per verdict, measured from the repeated calls). Every part is
 * per sample (between-case: per case), in the units of `MetricNoise`.
 */
export interface JudgeVarianceComponents {
  readonly betweenCaseVariance: number;
  /** Within-case variance of the outputs' own scores, the judge's part taken out. */
  readonly outputVariance: number;
  /** The mean variance the judges add to one score. */
  readonly judgeVariance: number;
  /** The variance of the mean over cases each part contributes, and their total. */
  readonly ofMean: {
    readonly between: number;
    readonly output: number;
    readonly judge: number;
    readonly total: number;
  };
  /** The judge's share of that total, in [0, 1]. */
  readonly judgeShare: number;
}

/**
 * Splits the variance of a suite's mean score into between-case, within-case (output) and judge parts. A case's
 * sample variance of scores estimates output + judge variance (its judge calls are independent of its outputs';
 * each sample's judges are called at seeds of their own), so the output part is what is left once the judge's
 * measured part is taken out. Undefined when no case has two scores or no judge was sampled twice.
 */
export function judgeVarianceComponents(cases: readonly JudgedCase[]): JudgeVarianceComponents | undefined {
  const usable = cases.filter((judged) => judged.scores.length >= 2);
  if (usable.length === 0) return undefined;
  const perCase = usable.map((judged) => {
    const measured = (judged.judgeVariances ?? []).filter((value): value is number => value !== undefined);
    return {
      n: judged.scores.length,
      mean: mean(judged.scores),
      total: sampleVariance(judged.scores),
      judge: measured.length === 0 ? undefined : mean(measured),
    };
  });
  if (perCase.every((entry) => entry.judge === undefined)) return undefined;
  const judgeOf = (entry: (typeof perCase)[number]) => entry.judge ?? 0;
  const caseCount = perCase.length;
  const sampling = mean(perCase.map((entry) => entry.total / entry.n));
  const spread = perCase.length >= 2 ? sampleVariance(perCase.map((entry) => entry.mean)) : 0;
  const betweenCaseVariance = Math.max(0, spread - sampling);
  const judgeOfMean = mean(perCase.map((entry) => judgeOf(entry) / entry.n)) / caseCount;
  const outputOfMean = mean(perCase.map((entry) => Math.max(0, entry.total - judgeOf(entry)) / entry.n)) / caseCount;
  const betweenOfMean = betweenCaseVariance / caseCount;
  const total = betweenOfMean + outputOfMean + judgeOfMean;
  return {
    betweenCaseVariance,
    outputVariance: mean(perCase.map((entry) => Math.max(0, entry.total - judgeOf(entry)))),
    judgeVariance: mean(perCase.map(judgeOf)),
    ofMean: { between: betweenOfMean, output: outputOfMean, judge: judgeOfMean, total },
    judgeShare: total === 0 ? 0 : judgeOfMean / total,
  };
}
