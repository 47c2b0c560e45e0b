import type { CaseTally } from '../contracts/case-tally.js';
import type { ProgramRun } from '../contracts/program-run.js';
import type { PriceOf } from '../cost/sample-spend.js';
import { caseTallyOf } from '../engine/tally/case-tally-of.js';
import { type AgentFigures, addAgentTallies, agentFigures } from '../stats/agent-figures.js';
import { judgeNoiseOf } from '../verifiers/judge-tallies.js';
import type { JudgeNoise } from '../verifiers/meta-evaluate.js';
import { caseOutcomesOf } from './case-outcomes.js';
import { withVarianceShares } from './judge-variance-shares.js';
import { type ProgramSpend, programSpend, runUsageOf } from './program-spend.js';
import type { CaseSummary } from './program-summary.js';

/** What a summary of a program run shows that comes from its samples, before metrics and expectations. */
export interface RunFigures {
  readonly tallies: readonly CaseTally[];
  readonly cases: readonly CaseSummary[];
  /** Samples drawn in all, errors included. */
  readonly samples: number;
  readonly errors: number;
  readonly spend: ProgramSpend;
  /** Each judge's verdicts and noise, with its share of the mean score's variance. */
  readonly judges: readonly JudgeNoise[];
  readonly agent?: AgentFigures;
}

/**
 * Reduces a run's cases to their figures, from the tallies the run made (or, for a run that kept every sample,
 * tallies made now, priced by `priceOf`; a simulated user's calls by `userInterpreter` when it names its own).
 */
export function runFiguresOf(run: ProgramRun, priceOf: PriceOf, userInterpreter?: string): RunFigures {
  const pricing = { priceOf, ...(userInterpreter !== undefined ? { userInterpreter } : {}) };
  const tallies = run.cases.map((caseRun) => caseTallyOf(caseRun, pricing));
  const cases = run.cases.map((caseRun, index): CaseSummary => {
    const outcomes = caseOutcomesOf(caseRun.caseId, tallies[index] as CaseTally);
    const meanScore =
      outcomes.n === 0
        ? null
        : (outcomes.scoreMean ?? outcomes.scores.reduce((sum, score) => sum + score, 0) / outcomes.n);
    return { ...outcomes, meanScore };
  });
  const judges = judgeNoiseOf(tallies.map((tally) => tally.judges));
  const agent = agentFigures(addAgentTallies(tallies.map((tally) => tally.agent)));
  return {
    tallies,
    cases,
    samples: tallies.reduce((sum, tally) => sum + tally.drawn, 0),
    errors: tallies.reduce((sum, tally) => sum + tally.errors, 0),
    spend: programSpend(cases, runUsageOf(tallies), priceOf(run.interpreterId)),
    judges: judges.length === 0 ? [] : withVarianceShares(judges, tallies),
    ...(agent ? { agent } : {}),
  };
}
