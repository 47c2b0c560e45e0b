import type { CaseTally } from '../contracts/case-tally.js';
import type { InterpreterPrice } from '../cost/interpreter-price.js';
import { addToTally, newTally, type UsageTally } from '../cost/sample-spend.js';
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

/** What a run's calls used: the program's own, its simulated user's and its judges'. */
export interface RunUsage {
  readonly program: UsageTally;
  readonly user: UsageTally;
  readonly judges: UsageTally;
  /** Seconds to the first token of the program's calls that streamed (of the cases' subsamples). */
  readonly firstTokens: readonly number[];
}

/** The usage of a run, summed over its cases' tallies. */
export function runUsageOf(tallies: readonly CaseTally[]): RunUsage {
  const program = newTally();
  const user = newTally();
  const judges = newTally();
  const firstTokens: number[] = [];
  for (const tally of tallies) {
    addToTally(program, tally.spend.program);
    addToTally(user, tally.spend.user);
    addToTally(judges, tally.spend.judges);
    for (const sample of tally.samples) if (sample.firstTokens) firstTokens.push(...sample.firstTokens);
  }
  return { program, user, judges, firstTokens };
}

/** The spend figures of a run whose cases carry what their samples spent (see `caseOutcomesOf`), and its usage. */
export function programSpend(
  cases: readonly CaseOutcomes[],
  usage: RunUsage,
  price: InterpreterPrice | undefined,
): ProgramSpend {
  const { program, user, judges, firstTokens } = usage;
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
