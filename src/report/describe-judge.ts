import type { JudgeNoise } from '../verifiers/meta-evaluate.js';

/** A judge's line: its verdicts and how far its answers to one sample agreed. */
export function describeJudge(judge: JudgeNoise): string {
  const figures =
    judge.samplesPerVerdict > 1
      ? `spread ${judge.meanSpread === null ? 'n/a' : judge.meanSpread.toFixed(2)}, agreement ${judge.meanAgreement === null ? 'n/a' : judge.meanAgreement.toFixed(2)} across its ${judge.samplesPerVerdict} answers per verdict`
      : 'one answer per verdict, so no agreement to measure';
  const share =
    judge.varianceShare === undefined
      ? ''
      : `; its noise is ${(judge.varianceShare * 100).toFixed(0)}% of the variance of mean_score, inside its interval`;
  return `judge ${judge.judge} on ${judge.interpreterId}: ${judge.verdicts} verdicts; ${figures}${share}`;
}
