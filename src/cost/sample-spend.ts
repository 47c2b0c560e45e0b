import type { SampleRecord } from '../contracts/program-run.js';
import type { JudgeVerdicts, Score } from '../contracts/score.js';
import type { TokenUsage } from '../contracts/step-result.js';
import type { StepTrace, Trace } from '../contracts/trace.js';
import type { UsageTally } from '../contracts/usage-tally.js';
import { tokenCount, toTokenUsageOf } from '../util/token-usage.js';
import { costOfUsage } from './cost-of-usage.js';
import type { InterpreterPrice } from './interpreter-price.js';

/** The price of an interpreter by its id; undefined when it has none. */
export type PriceOf = (interpreterId: string) => InterpreterPrice | undefined;

export type { UsageTally } from '../contracts/usage-tally.js';

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
  const sum = { ...a };
  addToTally(sum, b);
  return sum;
}

/**
 * Milliseconds of a trace as seconds; 0 for anything but a finite count of at least 0, since a store read back
 * (merged from elsewhere, or edited) may hold any JSON there.
 */
export function secondsOf(milliseconds: unknown): number {
  return typeof milliseconds === 'number' && Number.isFinite(milliseconds) && milliseconds > 0
    ? milliseconds / 1000
    : 0;
}

/** A tally being added to: a sample's calls are summed in place, without an object per call. */
type MutableTally = { -readonly [Field in keyof UsageTally]: UsageTally[Field] };

/** Adds one call to `tally`, priced by `price` (unpriced without one). */
function addCall(
  tally: MutableTally,
  price: InterpreterPrice | undefined,
  stored: TokenUsage | undefined,
  latencyMs: number,
  cached: boolean,
): void {
  // Usage read back from a store is JSON that may have been merged from elsewhere or edited: counted as a backend's.
  const usage = stored === undefined || isCounted(stored) ? stored : toTokenUsageOf(stored);
  const cost = price ? costOfUsage(price, usage, latencyMs) : 0;
  tally.calls++;
  tally.inputTokens += usage?.inputTokens ?? 0;
  tally.outputTokens += usage?.outputTokens ?? 0;
  tally.cachedInputTokens += usage?.cachedInputTokens ?? 0;
  tally.cacheWriteTokens += usage?.cacheWriteTokens ?? 0;
  tally.reasoningTokens += usage?.reasoningTokens ?? 0;
  tally.seconds += secondsOf(latencyMs);
  tally.cost += cost;
  if (!cached) tally.newCost += cost;
  if (!price) tally.unpricedCalls++;
}

/** Whether usage holds only counts, its parts within their totals: as every interpreter writes it. */
function isCounted(usage: TokenUsage): boolean {
  const { inputTokens, outputTokens, cachedInputTokens = 0, cacheWriteTokens = 0, reasoningTokens = 0 } = usage;
  return (
    tokenCount(inputTokens) !== undefined &&
    tokenCount(outputTokens) !== undefined &&
    tokenCount(cachedInputTokens) !== undefined &&
    tokenCount(cacheWriteTokens) !== undefined &&
    tokenCount(reasoningTokens) !== undefined &&
    cachedInputTokens + cacheWriteTokens <= inputTokens &&
    reasoningTokens <= outputTokens
  );
}

/** Adds `more` to `tally` in place. */
export function addToTally(tally: MutableTally, more: UsageTally): void {
  tally.calls += more.calls;
  tally.inputTokens += more.inputTokens;
  tally.outputTokens += more.outputTokens;
  tally.cachedInputTokens += more.cachedInputTokens;
  tally.cacheWriteTokens += more.cacheWriteTokens;
  tally.reasoningTokens += more.reasoningTokens;
  tally.seconds += more.seconds;
  tally.cost += more.cost;
  tally.newCost += more.newCost;
  tally.unpricedCalls += more.unpricedCalls;
}

/** A new tally of nothing, to add to. */
export function newTally(): MutableTally {
  return { ...emptyTally };
}

/** Who made a call of a sample: the program, its simulated user, or a judge. */
type Caller = 'program' | 'user' | 'judges';

/** Sees one call of a sample, with the price of its interpreter. */
type CallVisitor = (
  caller: Caller,
  price: InterpreterPrice | undefined,
  usage: TokenUsage | undefined,
  latencyMs: number,
  cached: boolean,
) => void;

/**
 * Visits every call of a sample, each with its caller and price: the program's steps, an agent's model turns and
 * the programs its tools ran (priced by the interpreter each trace names), a simulated user's turns (by
 * `userInterpreterId`, the program's interpreter when it names none), and each judge's verdicts (by its own).
 */
function forEachCall(
  record: SampleRecord,
  priceOf: PriceOf,
  userInterpreterId: string | undefined,
  visit: CallVisitor,
) {
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
        if (turn.kind === 'model') visit('program', price, turn.usage, turn.latencyMs, turn.cached === true);
        else if (turn.kind === 'user') visit('user', usersPrice, turn.usage, turn.latencyMs, turn.cached === true);
        else if (turn.child) visitTrace(turn.child);
      }
    } else if (step.children?.length) {
      for (const child of step.children) visitTrace(child);
    } else {
      visit('program', price, step.usage, step.latencyMs, step.cached === true);
    }
  };
  visitTrace(record.trace);
  for (const verdicts of judgeVerdicts(record.score)) {
    visit('judges', priceOf(verdicts.interpreterId), verdicts.usage, verdicts.latencyMs ?? 0, false);
  }
}

/**
 * What a sample used and cost. The program's calls are priced by the interpreter each trace names, a simulated
 * user's by `userInterpreterId` (the program's interpreter when it names none), a judge's by its own.
 */
export function sampleSpend(record: SampleRecord, priceOf: PriceOf, userInterpreterId?: string): SampleSpend {
  const spend = { program: newTally(), user: newTally(), judges: newTally() };
  forEachCall(record, priceOf, userInterpreterId, (caller, price, usage, latencyMs, cached) =>
    addCall(spend[caller], price, usage, latencyMs, cached),
  );
  return spend;
}

/**
 * The dollars a sample's new calls cost (not served from the store): its own, its simulated user's and its
 * judges', as `sampleSpend` prices them; what a budget is charged.
 */
export function sampleNewCost(record: SampleRecord, priceOf: PriceOf, userInterpreterId?: string): number {
  let dollars = 0;
  forEachCall(record, priceOf, userInterpreterId, (_caller, price, usage, latencyMs, cached) => {
    if (price && !cached) dollars += costOfUsage(price, usage, latencyMs);
  });
  return dollars;
}

/** The seconds a sample took: its steps' latencies, one after the other (an agent's tools and user included). */
export function sampleSeconds(record: SampleRecord): number {
  return record.trace.steps.reduce((sum, step) => sum + secondsOf(step.latencyMs), 0);
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
