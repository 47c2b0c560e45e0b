import type { SampleRecord } from '../contracts/program-run.js';
import type { JudgeVerdicts, Score } from '../contracts/score.js';
import type { TokenUsage } from '../contracts/step-result.js';
import type { StepTrace, Trace } from '../contracts/trace.js';
import { costOfUsage } from './cost-of-usage.js';
import type { InterpreterPrice } from './interpreter-price.js';

/** The price of an interpreter by its id; undefined when it has none. */
export type PriceOf = (interpreterId: string) => InterpreterPrice | undefined;

/** What some calls used and cost. */
export interface UsageTally {
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedInputTokens: number;
  readonly cacheWriteTokens: number;
  readonly reasoningTokens: number;
  /** Seconds the calls took, one after the other. */
  readonly seconds: number;
  /** Dollars of the priced calls, those served from the cache included (what drawing them costs). */
  readonly cost: number;
  /** Dollars of the priced calls made anew, not served from the cache (what this run paid). */
  readonly newCost: number;
  /** Calls on an interpreter without a price, left out of `cost`. */
  readonly unpricedCalls: number;
}

/**
 * What one sample used, apart by who used it: the program's own calls (every step, agent turn and program a tool
 * ran: the measure of the interpreter), its simulated user's, and its judges'.
 */
export interface SampleSpend {
  readonly program: UsageTally;
  readonly user: UsageTally;
  readonly judges: UsageTally;
}

/** A tally of nothing. */
export const emptyTally: UsageTally = {
  calls: 0,
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  seconds: 0,
  cost: 0,
  newCost: 0,
  unpricedCalls: 0,
};

/** The sum of two tallies. */
export function addTallies(a: UsageTally, b: UsageTally): UsageTally {
  return {
    calls: a.calls + b.calls,
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    reasoningTokens: a.reasoningTokens + b.reasoningTokens,
    seconds: a.seconds + b.seconds,
    cost: a.cost + b.cost,
    newCost: a.newCost + b.newCost,
    unpricedCalls: a.unpricedCalls + b.unpricedCalls,
  };
}

/** A running tally that calls are added to. */
class Tally {
  private sum: UsageTally = emptyTally;

  add(price: InterpreterPrice | undefined, usage: TokenUsage | undefined, latencyMs: number, cached: boolean): void {
    const cost = price ? costOfUsage(price, usage, latencyMs) : 0;
    this.sum = addTallies(this.sum, {
      calls: 1,
      inputTokens: usage?.inputTokens ?? 0,
      outputTokens: usage?.outputTokens ?? 0,
      cachedInputTokens: usage?.cachedInputTokens ?? 0,
      cacheWriteTokens: usage?.cacheWriteTokens ?? 0,
      reasoningTokens: usage?.reasoningTokens ?? 0,
      seconds: latencyMs / 1000,
      cost,
      newCost: cached ? 0 : cost,
      unpricedCalls: price ? 0 : 1,
    });
  }

  get value(): UsageTally {
    return this.sum;
  }
}

/**
 * What a sample used and cost. The program's calls are priced by the interpreter each trace names, a simulated
 * user's by `userInterpreterId` (the program's interpreter when it names none), a judge's by its own.
 */
export function sampleSpend(record: SampleRecord, priceOf: PriceOf, userInterpreterId?: string): SampleSpend {
  const program = new Tally();
  const user = new Tally();
  const judges = new Tally();
  const userPrice = userInterpreterId === undefined ? undefined : priceOf(userInterpreterId);
  const visitTrace = (trace: Trace) => {
    const price = priceOf(trace.interpreterId);
    for (const step of trace.steps) visitStep(step, price, userInterpreterId === undefined ? price : userPrice);
  };
  const visitStep = (
    step: StepTrace,
    price: InterpreterPrice | undefined,
    usersPrice: InterpreterPrice | undefined,
  ) => {
    if (step.agent) {
      for (const turn of step.agent.turns) {
        if (turn.kind === 'model') program.add(price, turn.usage, turn.latencyMs, turn.cached === true);
        else if (turn.kind === 'user') user.add(usersPrice, turn.usage, turn.latencyMs, turn.cached === true);
        else if (turn.child) visitTrace(turn.child);
      }
    } else if (step.children?.length) {
      for (const child of step.children) visitTrace(child);
    } else {
      program.add(price, step.usage, step.latencyMs, step.cached === true);
    }
  };
  visitTrace(record.trace);
  for (const verdicts of judgeVerdicts(record.score)) {
    judges.add(priceOf(verdicts.interpreterId), verdicts.usage, verdicts.latencyMs ?? 0, false);
  }
  return { program: program.value, user: user.value, judges: judges.value };
}

/** The seconds a sample took: its steps' latencies, one after the other (an agent's tools and user included). */
export function sampleSeconds(record: SampleRecord): number {
  return record.trace.steps.reduce((sum, step) => sum + step.latencyMs, 0) / 1000;
}

/** Every judge's verdicts in a score tree. */
function judgeVerdicts(score: Score): JudgeVerdicts[] {
  const found: JudgeVerdicts[] = [];
  const pending: Score[] = [score];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.judge) found.push(next.judge);
    if (next.parts) pending.push(...next.parts);
  }
  return found;
}
