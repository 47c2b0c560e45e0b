import type { ProgramRun, SampleRecord } from '../contracts/program-run.js';
import type { StepTrace } from '../contracts/trace.js';
import type { InterpreterPrice } from '../cost/interpreter-price.js';
import {
  addTallies,
  emptyTally,
  type PriceOf,
  type SampleSpend,
  sampleSpend,
  type UsageTally,
} from '../cost/sample-spend.js';
import type { CaseOutcomes } from '../stats/case-outcomes.js';
import { latencyPercentile } from '../stats/cost/latency-percentiles.js';
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

/** What each sample of a run spent, computed once per sample. */
export function spendOfSamples(priceOf: PriceOf, userInterpreter: string | undefined) {
  const known = new Map<SampleRecord, SampleSpend>();
  return (sample: SampleRecord): SampleSpend => {
    let spend = known.get(sample);
    if (!spend) {
      spend = sampleSpend(sample, priceOf, userInterpreter);
      known.set(sample, spend);
    }
    return spend;
  };
}

/** The seconds to the first token of each of a sample's own calls that streamed: steps and agents' model turns. */
function firstTokenSeconds(sample: SampleRecord): number[] {
  const seconds: number[] = [];
  const visit = (steps: readonly StepTrace[]) => {
    for (const step of steps) {
      if (step.firstTokenMs !== undefined) seconds.push(step.firstTokenMs / 1000);
      for (const turn of step.agent?.turns ?? []) {
        if (turn.kind === 'model' && turn.firstTokenMs !== undefined) seconds.push(turn.firstTokenMs / 1000);
      }
      for (const child of step.children ?? []) visit(child.steps);
    }
  };
  visit(sample.trace.steps);
  return seconds;
}

/** The spend figures of a run whose cases carry what their samples spent (see `caseOutcomesOf`). */
export function programSpend(
  run: ProgramRun,
  cases: readonly CaseOutcomes[],
  spendOf: (sample: SampleRecord) => SampleSpend,
  price: InterpreterPrice | undefined,
): ProgramSpend {
  let program = emptyTally;
  let user = emptyTally;
  let judges = emptyTally;
  for (const caseRun of run.cases) {
    for (const sample of caseRun.samples) {
      const spend = spendOf(sample);
      program = addTallies(program, spend.program);
      user = addTallies(user, spend.user);
      judges = addTallies(judges, spend.judges);
    }
  }
  const latencyOf = (statistic: LatencyStatistic) => metricValue({ name: 'latency', statistic }, cases);
  const firstTokens = run.cases.flatMap((caseRun) => caseRun.samples.flatMap(firstTokenSeconds));
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
    latency: { mean: latencyOf('mean'), p50: latencyOf('p50'), p95: latencyOf('p95'), p99: latencyOf('p99') },
    ...(firstTokens.length > 0 ? { firstToken: latencyPercentile(firstTokens, 0.5) } : {}),
    passAtKCost:
      costs.length === cases.length && costs.length > 0
        ? passAtKCost(costs)
        : { defined: false, reason: price ? 'no case has samples' : 'the interpreter has no price' },
  };
}
