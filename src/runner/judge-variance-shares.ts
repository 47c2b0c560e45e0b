import type { CaseTally } from '../contracts/case-tally.js';
import { judgeVarianceComponents } from '../stats/judge-noise/judge-variance-components.js';
import type { JudgeNoise } from '../verifiers/meta-evaluate.js';

/**
 * Each judge's figures with the share of the mean score's variance its own noise accounts for: the judge part of
 * `judgeVarianceComponents` computed from that judge's verdicts alone, over the total from all of them. Read from
 * the cases' subsamples (every sample of a case with no more than the subsample's size).
 */
export function withVarianceShares(judges: readonly JudgeNoise[], tallies: readonly CaseTally[]): JudgeNoise[] {
  const judgedCases = (only?: string) =>
    tallies.map((tally) => {
      const scored = tally.samples.filter((sample) => sample.status === 'scored');
      return {
        scores: scored.map((sample) => sample.score),
        judgeVariances: scored.map((sample) =>
          only === undefined ? sample.judgeVariance : sample.judgeVarianceBy?.[only],
        ),
      };
    });
  const all = judgeVarianceComponents(judgedCases());
  if (!all || all.ofMean.total === 0) return [...judges];
  return judges.map((judge) => {
    const own = judgeVarianceComponents(judgedCases(judge.judge));
    return own ? { ...judge, varianceShare: Math.min(1, own.ofMean.judge / all.ofMean.total) } : judge;
  });
}
