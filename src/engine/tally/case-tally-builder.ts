import type { AgentTally, CaseTally, TalliedSample } from '../../contracts/case-tally.js';
import type { SampleRecord } from '../../contracts/program-run.js';
import type { AgentEnd } from '../../contracts/trace.js';
import { type PriceOf, sampleSeconds, sampleSpend, secondsOf } from '../../cost/sample-spend.js';
import { CompensatedSum } from '../../stats/compensated-sum.js';
import { sampleJudgeVariance } from '../../stats/judge-noise/verdict-variance.js';
import { addJudgeVerdict, type JudgeTallies } from '../../verifiers/judge-tallies.js';
import { judgeVerdictsIn } from '../../verifiers/meta-evaluate.js';
import { BottomK } from './bottom-k.js';
import { sampleRank } from './sample-rank.js';
import { trajectoryCountsOf } from './trajectory-counts.js';
import { UsageSum } from './usage-sum.js';

/** How a case's samples are priced and how many of them a tally keeps. */
export interface TallyOptions {
  /** Prices an interpreter by its id or the suite's name for it; without a price nothing is in dollars. */
  readonly priceOf: PriceOf;
  /** The interpreter of the program's simulated user, when it names its own. */
  readonly userInterpreter?: string;
  /** The size of the case's subsample of values (`CaseTally.samples`). */
  readonly subsample: number;
  /** Samples kept whole (with their traces) for reports: this many of the lowest-index failures, and of successes. */
  readonly keep: number;
}

const endsOf = (): Record<AgentEnd, number> => ({
  answer: 0,
  'max-turns': 0,
  'max-tokens': 0,
  'user-max-turns': 0,
  error: 0,
});

/**
 * Reduces one case's samples to a `CaseTally` as they are added, in any order, each once, and keeps a few whole
 * samples for the reports to show: the `keep` lowest-index samples that did not succeed and the `keep` lowest-index
 * ones that did. Memory does not grow with the samples.
 */
export class CaseTallyBuilder {
  #drawn = 0;
  #n = 0;
  #c = 0;
  #errors = 0;
  #failedCalls = 0;
  readonly #scoreSum = new CompensatedSum();
  readonly #bins = new Array<number>(10).fill(0);
  readonly #subsample: BottomK<TalliedSample>;
  readonly #failures: BottomK<SampleRecord>;
  readonly #successes: BottomK<SampleRecord>;
  readonly #judges: JudgeTallies = new Map();
  #agent: { -readonly [Field in keyof AgentTally]: AgentTally[Field] } | undefined;
  readonly #spend = { program: new UsageSum(), user: new UsageSum(), judges: new UsageSum() };

  constructor(private readonly options: TallyOptions) {
    this.#subsample = new BottomK(options.subsample);
    this.#failures = new BottomK(options.keep);
    this.#successes = new BottomK(options.keep);
  }

  /** Samples added so far. */
  get drawn(): number {
    return this.#drawn;
  }

  /** Successes among them. */
  get successes(): number {
    return this.#c;
  }

  /** Adds one recorded sample. */
  add(record: SampleRecord): void {
    const { score } = record;
    this.#drawn++;
    if (score.status === 'error') {
      this.#errors++;
      if (record.trace.steps.some((step) => step.error !== undefined)) this.#failedCalls++;
    }
    const value = score.status === 'scored' ? (score.value ?? 0) : 0;
    if (score.status === 'scored') {
      this.#n++;
      if (record.success) this.#c++;
      this.#scoreSum.add(value);
      const bin = Math.max(0, Math.min(9, Math.floor(value * 10)));
      this.#bins[bin] = (this.#bins[bin] as number) + 1;
    }
    const verdicts = judgeVerdictsIn(score);
    for (const verdict of verdicts) addJudgeVerdict(this.#judges, verdict);
    const counts = trajectoryCountsOf(record.trace);
    if (counts) {
      this.#agent ??= { samples: 0, turns: 0, toolCalls: 0, toolErrors: 0, userTurns: 0, ended: endsOf() };
      const agent = this.#agent;
      agent.samples++;
      agent.turns += counts.turns;
      agent.toolCalls += counts.toolCalls;
      agent.toolErrors += counts.toolErrors;
      agent.userTurns += counts.userTurns;
      (agent.ended as Record<AgentEnd, number>)[counts.ended]++;
    }
    const spend = sampleSpend(record, this.options.priceOf, this.options.userInterpreter);
    this.#spend.program.add(spend.program);
    this.#spend.user.add(spend.user);
    this.#spend.judges.add(spend.judges);
    const rank = sampleRank(record.index);
    if (this.#subsample.accepts(rank)) {
      const judgeVariance = sampleJudgeVariance(verdicts);
      const byJudge: Record<string, number> = {};
      for (const judge of new Set(verdicts.map((verdict) => verdict.judge))) {
        const own = sampleJudgeVariance(verdicts.filter((verdict) => verdict.judge === judge));
        if (own !== undefined) byJudge[judge] = own;
      }
      const firstTokens = firstTokenSeconds(record);
      this.#subsample.offer(rank, {
        index: record.index,
        status: score.status,
        score: value,
        success: record.success,
        ...(judgeVariance !== undefined ? { judgeVariance } : {}),
        ...(Object.keys(byJudge).length > 0 ? { judgeVarianceBy: byJudge } : {}),
        cost: spend.program.cost,
        priced: spend.program.unpricedCalls === 0,
        tokens: spend.program.inputTokens + spend.program.outputTokens,
        seconds: sampleSeconds(record),
        ...(firstTokens.length > 0 ? { firstTokens } : {}),
      });
    }
    (record.success ? this.#successes : this.#failures).offer(record.index, record);
  }

  /** The tally of the samples added so far. */
  tally(): CaseTally {
    return {
      drawn: this.#drawn,
      n: this.#n,
      c: this.#c,
      errors: this.#errors,
      failedCalls: this.#failedCalls,
      scoreSum: this.#scoreSum.value,
      scoreBins: [...this.#bins],
      samples: [...this.#subsample.items()].sort((left, right) => left.index - right.index),
      judges: [...this.#judges.values()].map((judge) => ({ ...judge })),
      ...(this.#agent ? { agent: { ...this.#agent, ended: { ...this.#agent.ended } } } : {}),
      spend: { program: this.#spend.program.value, user: this.#spend.user.value, judges: this.#spend.judges.value },
    };
  }

  /** The samples kept whole, in index order. */
  kept(): SampleRecord[] {
    return [...this.#failures.items(), ...this.#successes.items()].sort((left, right) => left.index - right.index);
  }
}

/** Seconds to the first token of each of a sample's own calls that streamed: steps, agents' model turns, children. */
function firstTokenSeconds(record: SampleRecord): number[] {
  const seconds: number[] = [];
  const visit = (steps: SampleRecord['trace']['steps']) => {
    for (const step of steps) {
      if (step.firstTokenMs !== undefined) seconds.push(secondsOf(step.firstTokenMs));
      if (step.agent) {
        for (const turn of step.agent.turns) {
          if (turn.kind === 'model' && turn.firstTokenMs !== undefined) seconds.push(secondsOf(turn.firstTokenMs));
        }
      }
      if (step.children) for (const child of step.children) visit(child.steps);
    }
  };
  visit(record.trace.steps);
  return seconds;
}
