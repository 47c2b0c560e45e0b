import { type CrossoverResult, crossover } from '../stats/crossover.js';
import { compareMetric, type MetricComparison } from '../stats/metric-comparison.js';
import { isCountMetric, type MetricReference } from '../stats/metric-reference.js';
import { compareSuiteK, type SuiteKComparison } from '../stats/suite-k/suite-k-comparison.js';
import type { CaseSummary, ProgramSummary } from './program-summary.js';

/** One program compared between two runs. */
export interface ProgramComparison {
  readonly program: string;
  readonly interpreterA: string;
  readonly interpreterB: string;
  /** Cases both runs scored; the comparison is over these. */
  readonly cases: number;
  /**
   * True when the program differs between the runs in what its interpreter sees (prompts, inputs, settings): the
   * runs then measure two programs, not one program twice.
   */
  readonly programChanged: boolean;
  readonly metrics: readonly MetricComparison[];
  /** Where B's pass@k curve overtakes A's or the reverse; absent with `crossoverProblem` when not computed. */
  readonly crossover?: CrossoverResult;
  readonly crossoverProblem?: string;
  /**
   * The expected dollars to a case's first success (`cost_to_success`) in A and B, and B − A paired over the shared
   * cases, with its interval: which interpreter solves the suite cheaper. Absent unless both runs are priced.
   */
  readonly costToSuccess?: MetricComparison;
  /**
   * The headline: `suite_k@0.5`, the attempts per case that solve every shared case half the time, in A and B, and
   * B / A with its interval; absent with no shared case.
   */
  readonly suiteK?: SuiteKComparison;
}

/** Two runs compared. */
export interface RunComparison {
  readonly level: number;
  readonly programs: readonly ProgramComparison[];
  /** Programs in only one of the runs, as `program on interpreter`. */
  readonly onlyInA: readonly string[];
  readonly onlyInB: readonly string[];
}

const meanScore: MetricReference = { name: 'mean-score' };

/** The cases both summaries scored, paired by id, in the order of `a`. */
export function sharedCases(a: ProgramSummary, b: ProgramSummary): (readonly [CaseSummary, CaseSummary])[] {
  const byId = new Map(b.cases.map((counts) => [counts.caseId, counts]));
  return a.cases.flatMap((left) => {
    const right = byId.get(left.caseId);
    return right && left.n > 0 && right.n > 0 ? [[left, right] as const] : [];
  });
}

/**
 * `cost_to_success` compared over the shared cases when both sides know what their samples cost; undefined when
 * one does not (an interpreter without a price).
 */
export function compareCostToSuccess(
  pairs: readonly (readonly [CaseSummary, CaseSummary])[],
  level: number,
): MetricComparison | undefined {
  const priced = pairs.length > 0 && pairs.every(([left, right]) => left.spend?.costs && right.spend?.costs);
  return priced ? compareMetric({ name: 'cost', measure: 'to-success' }, pairs, level) : undefined;
}

/**
 * Compares one program's summaries from two runs over the cases both scored. The crossover extrapolates both pass@k
 * curves with a bootstrap (one to three seconds); `crossover: false` leaves it out where a report must be quick.
 */
export function compareProgram(
  a: ProgramSummary,
  b: ProgramSummary,
  level = 0.95,
  options: { readonly crossover?: boolean } = {},
): ProgramComparison {
  const pairs = sharedCases(a, b);
  const metrics = new Map<string, MetricReference>([['pass@1', { name: 'pass@k', k: 1 }]]);
  for (const summary of [a, b]) {
    for (const metric of summary.metrics) if (isCountMetric(metric.metric)) metrics.set(metric.name, metric.metric);
  }
  metrics.set('mean_score', meanScore);
  let crossoverResult: CrossoverResult | undefined;
  let crossoverProblem: string | undefined;
  if (options.crossover === false) {
    crossoverProblem = 'not computed here; `informal compare` computes it';
  } else {
    try {
      crossoverResult = crossover(
        pairs.map(([left]) => left),
        pairs.map(([, right]) => right),
        { kMax: 10_000, level },
      );
    } catch (error) {
      crossoverProblem = (error as Error).message;
    }
  }
  const costToSuccess = compareCostToSuccess(pairs, level);
  return {
    program: a.programName,
    interpreterA: a.run.interpreterId,
    interpreterB: b.run.interpreterId,
    cases: pairs.length,
    programChanged: a.run.programHash !== b.run.programHash,
    metrics: [...metrics.values()].map((metric) => compareMetric(metric, pairs, level)),
    ...(crossoverResult ? { crossover: crossoverResult } : {}),
    ...(crossoverProblem ? { crossoverProblem } : {}),
    ...(costToSuccess ? { costToSuccess } : {}),
    ...(pairs.length > 0
      ? {
          suiteK: compareSuiteK(
            pairs.map(([left]) => left),
            pairs.map(([, right]) => right),
            { level },
          ),
        }
      : {}),
  };
}

/**
 * Pairs the programs of two runs and compares each pair: the same program on the same interpreter first, then a
 * program that each run holds on one interpreter only (two models compared on one suite).
 */
export function compareRuns(
  runA: readonly ProgramSummary[],
  runB: readonly ProgramSummary[],
  level = 0.95,
): RunComparison {
  const restA = [...runA];
  const restB = [...runB];
  const pairs: [ProgramSummary, ProgramSummary][] = [];
  for (const a of runA) {
    const at = restB.findIndex((b) => b.programName === a.programName && b.run.interpreterId === a.run.interpreterId);
    if (at < 0) continue;
    pairs.push([a, restB[at] as ProgramSummary]);
    restB.splice(at, 1);
    restA.splice(restA.indexOf(a), 1);
  }
  for (const a of [...restA]) {
    const candidatesA = restA.filter((other) => other.programName === a.programName);
    const candidatesB = restB.filter((b) => b.programName === a.programName);
    if (candidatesA.length !== 1 || candidatesB.length !== 1) continue;
    const b = candidatesB[0] as ProgramSummary;
    pairs.push([a, b]);
    restA.splice(restA.indexOf(a), 1);
    restB.splice(restB.indexOf(b), 1);
  }
  const label = (summary: ProgramSummary) => `${summary.programName} on ${summary.run.interpreterId}`;
  return {
    level,
    programs: pairs.map(([a, b]) => compareProgram(a, b, level)),
    onlyInA: restA.map(label),
    onlyInB: restB.map(label),
  };
}
