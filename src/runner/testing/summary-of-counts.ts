import type { ProgramRun } from '../../contracts/program-run.js';
import type { MetricReference } from '../../program/program.js';
import type { CaseOutcomes } from '../../stats/case-outcomes.js';
import { metricName, metricValue } from '../../stats/metric-value.js';
import { programSpend, runUsageOf } from '../program-spend.js';
import type { CaseSummary, ProgramSummary } from '../program-summary.js';

/** One case's outcomes from its counts: `c` scores of 1, then `n − c` of 0, nothing failed. */
export const outcomeOfCounts = (caseId: string, n: number, c: number): CaseOutcomes => ({
  caseId,
  n,
  c,
  scores: [...Array(c).fill(1), ...Array(n - c).fill(0)],
  errors: 0,
  drawn: n,
});

/** What a summary for tests is made of besides its counts. */
export interface SummaryOfCountsOptions {
  readonly interpreterId?: string;
  /** The interpreter as the suite named it; the id by default. */
  readonly interpreter?: string;
  readonly hash?: string;
  readonly samplesPerCase?: number;
  /** The metrics the summary carries, computed over the cases. */
  readonly metrics?: readonly MetricReference[];
}

/**
 * A summary of the program `quiz` with the given (n, c) per case (cases `c0`, `c1`, …), holding just what
 * comparisons read: cases, metrics, the program's hash and the interpreter.
 */
export function summaryOfCounts(
  counts: readonly [number, number][],
  options: SummaryOfCountsOptions = {},
): ProgramSummary {
  const cases: CaseSummary[] = counts.map(([n, c], index) => ({
    ...outcomeOfCounts(`c${index}`, n, c),
    meanScore: n ? c / n : null,
  }));
  const interpreterId = options.interpreterId ?? 'sim:medium';
  const run = {
    programHash: options.hash ?? 'h1',
    interpreterId,
    samplesPerCase: options.samplesPerCase ?? 10,
  } as ProgramRun;
  return {
    file: 'programs/quiz.prog',
    programName: 'quiz',
    interpreter: options.interpreter ?? interpreterId,
    run,
    cases,
    metrics: (options.metrics ?? []).map((metric) => ({
      name: metricName(metric),
      metric,
      value: metricValue(metric, cases),
    })),
    passAtKCurve: [],
    expectations: [],
    samples: counts.reduce((sum, [n]) => sum + n, 0),
    errors: 0,
    spend: programSpend(cases, runUsageOf([]), undefined),
    judges: [],
    status: 'passed',
  };
}
