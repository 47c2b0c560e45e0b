import { isCountMetric, type MetricReference } from '../program/program.js';
import type { CaseSummary, ProgramSummary } from '../runner/program-summary.js';
import { caseSamplingVariance, meanScoreVariance } from '../stats/case-metric.js';
import { type CrossoverResult, crossover } from '../stats/crossover.js';
import { metricName } from '../stats/metric-value.js';
import { type PairedDifference, pairedDifference } from '../stats/paired-difference.js';
import { passAtK } from '../stats/pass-at-k.js';
import { passHatK } from '../stats/pass-hat-k.js';

/** One metric of one program in two runs, and their paired difference over the cases both ran. */
export interface MetricComparison {
  readonly metric: string;
  /** The metric in run A and in run B, over the shared cases; null where it is undefined. */
  readonly a: number | null;
  readonly b: number | null;
  /** B − A paired over cases, with its interval and p-value; absent with `reason` when it cannot be computed. */
  readonly difference?: PairedDifference;
  /** True when the interval of B − A excludes 0: a change beyond what sampling noise explains at this level. */
  readonly significant: boolean;
  readonly reason?: string;
}

/** One program compared between two runs. */
export interface ProgramComparison {
  readonly program: string;
  readonly interpreterA: string;
  readonly interpreterB: string;
  /** Cases both runs scored; the comparison is over these. */
  readonly cases: number;
  readonly metrics: readonly MetricComparison[];
  /** Where B's pass@k curve overtakes A's or the reverse; absent with `crossoverProblem` when not computed. */
  readonly crossover?: CrossoverResult;
  readonly crossoverProblem?: string;
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

/** The per-case value of a metric, or undefined when the case cannot give it. */
function caseValue(metric: MetricReference, counts: CaseSummary): number | undefined {
  if (metric.name === 'mean-score') return counts.meanScore ?? undefined;
  if (!isCountMetric(metric) || counts.n < metric.k) return undefined;
  return metric.name === 'pass@k' ? passAtK(counts.n, counts.c, metric.k) : passHatK(counts.n, counts.c, metric.k);
}

/** The sampling variance of one case's value of a metric in one run (from its mean score when its scores are gone). */
function samplingVariance(metric: MetricReference, counts: CaseSummary): number {
  return caseSamplingVariance(metric, counts) ?? meanScoreVariance(counts.meanScore, counts.n);
}

function compareMetric(
  metric: MetricReference,
  pairs: readonly (readonly [CaseSummary, CaseSummary])[],
  level: number,
): MetricComparison {
  const name = metricName(metric);
  const a: number[] = [];
  const b: number[] = [];
  const variances: number[] = [];
  for (const [left, right] of pairs) {
    const valueA = caseValue(metric, left);
    const valueB = caseValue(metric, right);
    if (valueA === undefined || valueB === undefined) {
      return {
        metric: name,
        a: null,
        b: null,
        significant: false,
        reason: `case "${left.caseId}" cannot give ${name}`,
      };
    }
    a.push(valueA);
    b.push(valueB);
    variances.push(samplingVariance(metric, left) + samplingVariance(metric, right));
  }
  const mean = (values: number[]) =>
    values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
  if (pairs.length < 2) {
    return {
      metric: name,
      a: mean(a),
      b: mean(b),
      significant: false,
      reason: 'a paired difference needs two shared cases',
    };
  }
  const difference = pairedDifference(b, a, { level, samplingVariances: variances });
  return {
    metric: name,
    a: mean(a),
    b: mean(b),
    difference,
    significant: difference.lower > 0 || difference.upper < 0,
  };
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
  const byId = new Map(b.cases.map((counts) => [counts.caseId, counts]));
  const pairs = a.cases.flatMap((left) => {
    const right = byId.get(left.caseId);
    return right && left.n > 0 && right.n > 0 ? [[left, right] as const] : [];
  });
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
        { kMax: 10_000, level: 0.9 },
      );
    } catch (error) {
      crossoverProblem = (error as Error).message;
    }
  }
  return {
    program: a.programName,
    interpreterA: a.run.interpreterId,
    interpreterB: b.run.interpreterId,
    cases: pairs.length,
    metrics: [...metrics.values()].map((metric) => compareMetric(metric, pairs, level)),
    ...(crossoverResult ? { crossover: crossoverResult } : {}),
    ...(crossoverProblem ? { crossoverProblem } : {}),
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
