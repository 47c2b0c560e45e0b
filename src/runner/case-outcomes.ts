import type { CaseRun, SampleRecord } from '../contracts/program-run.js';
import type { SampleSpend } from '../cost/sample-spend.js';
import { sampleSeconds } from '../cost/sample-spend.js';
import type { CaseOutcomes } from '../stats/case-outcomes.js';
import { sampleJudgeVariance } from '../stats/judge-noise/verdict-variance.js';
import { judgeVerdictsIn } from '../verifiers/meta-evaluate.js';

/**
 * Reduces a case's samples to the outcomes metrics are computed from; with `spendOf`, also what each sample spent
 * (its dollars only when every call of the program's was priced).
 */
export function caseOutcomesOf(caseRun: CaseRun, spendOf?: (sample: SampleRecord) => SampleSpend): CaseOutcomes {
  const scores: number[] = [];
  const judgeVariances: (number | undefined)[] = [];
  let c = 0;
  let errors = 0;
  for (const sample of caseRun.samples) {
    if (sample.score.status === 'error') errors++;
    if (sample.score.status !== 'scored') continue;
    scores.push(sample.score.value ?? 0);
    judgeVariances.push(sampleJudgeVariance(judgeVerdictsIn(sample.score)));
    if (sample.success) c++;
  }
  const counts = {
    caseId: caseRun.caseId,
    n: scores.length,
    c,
    scores,
    errors,
    drawn: caseRun.samples.length,
    ...(judgeVariances.some((variance) => variance !== undefined) ? { judgeVariances } : {}),
  };
  if (!spendOf) return counts;
  const costs: number[] = [];
  const tokens: number[] = [];
  const seconds: number[] = [];
  let priced = true;
  for (const sample of caseRun.samples) {
    const { program } = spendOf(sample);
    if (program.unpricedCalls > 0) priced = false;
    costs.push(program.cost);
    tokens.push(program.inputTokens + program.outputTokens);
    seconds.push(sampleSeconds(sample));
  }
  return { ...counts, spend: { ...(priced ? { costs } : {}), tokens, seconds } };
}
