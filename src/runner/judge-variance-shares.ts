import type { CaseRun } from '../contracts/program-run.js';
import { judgeVarianceComponents } from '../stats/judge-noise/judge-variance-components.js';
import { sampleJudgeVariance } from '../stats/judge-noise/verdict-variance.js';
import { type JudgeNoise, judgeVerdictsIn } from '../verifiers/meta-evaluate.js';

/**
 * Each judge's figures with the share of the mean score's variance its own noise accounts for: the judge part of
 * `judgeVarianceComponents` computed from that judge's verdicts alone, over the total from all of them.
 */
export function withVarianceShares(judges: readonly JudgeNoise[], cases: readonly CaseRun[]): JudgeNoise[] {
  const judgedCases = (only?: string) =>
    cases.map((caseRun) => {
      const scored = caseRun.samples.filter((sample) => sample.score.status === 'scored');
      return {
        scores: scored.map((sample) => sample.score.value ?? 0),
        judgeVariances: scored.map((sample) =>
          sampleJudgeVariance(
            judgeVerdictsIn(sample.score).filter((verdicts) => only === undefined || verdicts.judge === only),
          ),
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
