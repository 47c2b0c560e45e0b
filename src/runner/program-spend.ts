import type { SampleRecord } from '../contracts/program-run.js';
import type { StepTrace } from '../contracts/trace.js';
import type { InterpreterPrice } from '../cost/interpreter-price.js';
import {
  addToTally,
  newTally,
  type PriceOf,
  type SampleSpend,
  sampleSpend,
  secondsOf,
  type UsageTally,
} from '../cost/sample-spend.js';
import type { CaseOutcomes } from '../stats/case-outcomes.js';
import { latencyPercentile, latencyPercentiles } from '../stats/cost/latency-percentiles.js';
import { type PassAtKCost, passAtKCost } from '../stats/cost/pass-at-k-cost.js';
import type { LatencyStatistic } from '../stats/metric-reference.js';
import { type MetricValue, metricValue } from '../stats/metric-value.js';

/** What a program's run used and cost, and what a success costs, with intervals. */
export interface ProgramSpend {
  /** The price of the run's interpreter; absent when it has none (then no figure is in dollars). */
  readonly price?: InterpreterPrice;
  /** The program's own calls: every step, agent turn and program a tool ran. */
  readonly program: UsageTally;
  /** A simulated user's calls. */
  readonly user: UsageTally;
  /** The judges' calls. */
  readonly judges: UsageTally;
  /** Dollars of the program's calls per sample drawn. */
  readonly costPerSample: MetricValue;
  /** Dollars of the program's calls per success. */
  readonly costPerSuccess: MetricValue;
  /** Expected dollars to the first success of a case, attempts capped at the samples drawn. */
  readonly costToSuccess: MetricValue;
  /** Tokens in and out of the program's calls per sample. */
  readonly tokensPerSample: MetricValue;
  /** Seconds a sample took: mean and percentiles. */
  readonly latency: Readonly<Record<LatencyStatistic, MetricValue>>;
  /**
   * The median seconds from a call of the program's to its first token, over the calls that streamed (see the
   * `stream` setting of `openai-compatible:`, and llama.cpp, which always reports it); absent when none did.
   */
  readonly firstToken?: MetricValue;
  /** pass@k against the dollars of k attempts, and the k that solves the most cases per dollar. */
  readonly passAtKCost: PassAtKCost;
}

/**
 * Prices each sample once, as `caseOutcomesOf` reads the run, and sums what they spent on the way: the program's,
 * the simulated user's and the judges' tallies, and the seconds to the first token of the calls that streamed.
 */
export class SpendCollector {
  readonly program = newTally();
  readonly user = newTally();
  readonly judges = newTally();
  readonly firstTokens: number[] = [];

  constructor(
    private readonly priceOf: PriceOf,
    private readonly userInterpreter: string | undefined,
  ) {}

  /** What `sample` spent, added to the sums. Each sample is to be passed once. */
  readonly spendOf = (sample: SampleRecord): SampleSpend => {
    const spend = sampleSpend(sample, this.priceOf, this.userInterpreter);
    addToTally(this.program, spend.program);
    addToTally(this.user, spend.user);
    addToTally(this.judges, spend.judges);
    addFirstTokenSeconds(sample.trace.steps, this.firstTokens);
    return spend;
  };
}

/** Adds the seconds to the first token of each of a sample's own calls that streamed: steps and agents' model turns. */
function addFirstTokenSeconds(steps: readonly StepTrace[], seconds: number[]): void {
  for (const step of steps) {
    if (step.firstTokenMs !== undefined) seconds.push(secondsOf(step.firstTokenMs));
    if (step.agent) {
      for (const turn of step.agent.turns) {
        if (turn.kind === 'model' && turn.firstTokenMs !== undefined) seconds.push(secondsOf(turn.firstTokenMs));
      }
    }
    if (step.children) for (const child of step.children) addFirstTokenSeconds(child.steps, seconds);
  }
}

/**
 * The spend figures of a run whose cases carry what their samples spent, read through `collected` (see
 * `caseOutcomesOf`).
 */
export function programSpend(
  cases: readonly CaseOutcomes[],
  collected: SpendCollector,
  price: InterpreterPrice | undefined,
): ProgramSpend {
  const { program, user, judges, firstTokens } = collected;
  const seconds = cases.flatMap((outcomes) => outcomes.spend?.seconds ?? []);
  const latency = latencyOf(seconds, cases);
  const costs = cases.flatMap((outcomes) =>
    outcomes.spend?.costs
      ? [{ caseId: outcomes.caseId, n: outcomes.n, c: outcomes.c, costs: outcomes.spend.costs }]
      : [],
  );
  return {
    ...(price ? { price } : {}),
    program,
    user,
    judges,
    costPerSample: metricValue({ name: 'cost', measure: 'per-sample' }, cases),
    costPerSuccess: metricValue({ name: 'cost', measure: 'per-success' }, cases),
    costToSuccess: metricValue({ name: 'cost', measure: 'to-success' }, cases),
    tokensPerSample: metricValue({ name: 'tokens-per-sample' }, cases),
    latency,
    ...(firstTokens.length > 0 ? { firstToken: latencyPercentile(firstTokens, 0.5) } : {}),
    passAtKCost:
      costs.length === cases.length && costs.length > 0
        ? passAtKCost(costs)
        : { defined: false, reason: passAtKCostProblem(cases, costs.length, price) },
  };
}

/** Why a run has no pass@k cost curve: no price, calls without one, or no cases. */
function passAtKCostProblem(cases: readonly CaseOutcomes[], priced: number, price: InterpreterPrice | undefined) {
  if (!price) return 'the interpreter has no price';
  if (cases.length === 0) return 'no cases';
  return `${cases.length - priced} of ${cases.length} cases have samples whose calls could not all be priced`;
}

/** The mean and percentiles of the samples' seconds, computed together (one sort), or why there are none. */
function latencyOf(seconds: readonly number[], cases: readonly CaseOutcomes[]): ProgramSpend['latency'] {
  if (seconds.length === 0 || cases.some((outcomes) => !outcomes.spend)) {
    const none = metricValue({ name: 'latency', statistic: 'mean' }, cases);
    return { mean: none, p50: none, p95: none, p99: none };
  }
  const { mean, p50, p95, p99 } = latencyPercentiles(seconds);
  return { mean, p50, p95, p99 };
}
