import type { JudgeTally } from '../contracts/case-tally.js';
import type { JudgeVerdicts } from '../contracts/score.js';
import type { JudgeNoise } from './meta-evaluate.js';

type Mutable<Type> = { -readonly [Field in keyof Type]: Type[Field] };

/** Each judge's tally so far, by judge name, in the order the judges were first seen. */
export type JudgeTallies = Map<string, Mutable<JudgeTally>>;

/** Adds one verdict to its judge's tally. */
export function addJudgeVerdict(tallies: JudgeTallies, verdict: JudgeVerdicts): void {
  let judge = tallies.get(verdict.judge);
  if (!judge) {
    judge = {
      judge: verdict.judge,
      interpreterId: verdict.interpreterId,
      verdicts: 0,
      samplesPerVerdict: 0,
      spreadSum: 0,
      spreadCount: 0,
      agreementSum: 0,
      agreementCount: 0,
    };
    tallies.set(verdict.judge, judge);
  }
  judge.verdicts++;
  judge.samplesPerVerdict = Math.max(judge.samplesPerVerdict, verdict.values.length);
  if (verdict.spread !== null) {
    judge.spreadSum += verdict.spread;
    judge.spreadCount++;
  }
  if (verdict.agreement !== null) {
    judge.agreementSum += verdict.agreement;
    judge.agreementCount++;
  }
}

/** Each judge's mean spread and agreement over the verdicts of several tallies (the cases of a run), judge by judge. */
export function judgeNoiseOf(lists: readonly (readonly JudgeTally[])[]): JudgeNoise[] {
  const merged: JudgeTallies = new Map();
  for (const list of lists) {
    for (const tally of list) {
      const into = merged.get(tally.judge);
      if (!into) {
        merged.set(tally.judge, { ...tally });
        continue;
      }
      into.verdicts += tally.verdicts;
      into.samplesPerVerdict = Math.max(into.samplesPerVerdict, tally.samplesPerVerdict);
      into.spreadSum += tally.spreadSum;
      into.spreadCount += tally.spreadCount;
      into.agreementSum += tally.agreementSum;
      into.agreementCount += tally.agreementCount;
    }
  }
  return [...merged.values()].map((tally) => ({
    judge: tally.judge,
    interpreterId: tally.interpreterId,
    verdicts: tally.verdicts,
    samplesPerVerdict: tally.samplesPerVerdict,
    meanSpread: tally.spreadCount === 0 ? null : tally.spreadSum / tally.spreadCount,
    meanAgreement: tally.agreementCount === 0 ? null : tally.agreementSum / tally.agreementCount,
  }));
}
