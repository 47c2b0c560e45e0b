import { compareMetric, type MetricComparison } from '../stats/metric-comparison.js';
import { metricLevel } from '../stats/metric-value.js';
import { compareSuiteK, type SuiteKComparison } from '../stats/suite-k/suite-k-comparison.js';
import { compareCostToSuccess, sharedCases } from './compare-runs.js';
import type { ProgramSummary } from './program-summary.js';

/**
 * A program the suite ran on several interpreters: one further interpreter against the first, pass@1's difference
 * paired over the cases both scored. Where the pass@k curves cross is left to `informal compare`: it takes seconds.
 */
export interface InterpreterComparison {
  /** The program's file, as in its summaries. */
  readonly file: string;
  readonly programName: string;
  /** The interpreter the program ran on first, as the suite named it: the one the others are compared with. */
  readonly reference: string;
  /** The further interpreter, as the suite named it. */
  readonly interpreter: string;
  /** The cases both interpreters scored: the difference is paired over these. */
  readonly cases: number;
  /**
   * pass@1 on `reference` (`a`) and on `interpreter` (`b`), and `interpreter` − `reference` with its 95% interval,
   * p-value and verdict; with `reason` instead of a difference when there are fewer than two shared cases.
   */
  readonly pass1: MetricComparison;
  /**
   * The headline: `suite_k@0.5` (the attempts per case that solve every case, half the time) on each over the shared
   * cases, and the ratio interpreter / reference with its interval; absent with no shared case.
   */
  readonly suiteK?: SuiteKComparison;
  /** The expected dollars to a case's first success on each, and their paired difference; absent unless both are priced. */
  readonly costToSuccess?: MetricComparison;
}

/**
 * For each program the suite ran on several interpreters (summaries of the same file and program), each further
 * interpreter against the first, in the order the summaries come.
 */
export function compareInterpreters(programs: readonly ProgramSummary[]): InterpreterComparison[] {
  const groups = new Map<string, ProgramSummary[]>();
  for (const summary of programs) {
    const key = `${summary.file}\u0000${summary.programName}`;
    groups.set(key, [...(groups.get(key) ?? []), summary]);
  }
  return [...groups.values()].flatMap(([first, ...others]) =>
    first === undefined
      ? []
      : others.map((other) => {
          const pairs = sharedCases(first, other);
          const costToSuccess = compareCostToSuccess(pairs, metricLevel);
          return {
            file: first.file,
            programName: first.programName,
            reference: first.interpreter,
            interpreter: other.interpreter,
            cases: pairs.length,
            pass1: compareMetric({ name: 'pass@k', k: 1 }, pairs, metricLevel),
            ...(pairs.length > 0
              ? {
                  suiteK: compareSuiteK(
                    pairs.map(([left]) => left),
                    pairs.map(([, right]) => right),
                    { level: metricLevel },
                  ),
                }
              : {}),
            ...(costToSuccess ? { costToSuccess } : {}),
          };
        }),
  );
}
