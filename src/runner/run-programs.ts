import { defaultRetryPolicy, type RetryPolicy } from '../engine/retry-policy.js';
import { SpendLimit } from '../engine/spend-limit.js';
import { compareWithBaseline } from './baseline-comparison.js';
import { InterpreterLimits } from './interpreter-limits.js';
import { baselineKey, type PreparedSuite } from './prepare-suite.js';
import type { ProgramSummary } from './program-summary.js';
import { runOnInterpreter, type SuiteRunContext } from './run-on-interpreter.js';
import type { RunSuiteOptions } from './run-suite-options.js';
import type { NotRunProgram } from './suite-result.js';

/** What the programs of a suite did, in the order they ran. */
export interface ProgramsRun {
  /** One summary per program and interpreter, compared with the baseline where it has the program. */
  readonly summaries: readonly ProgramSummary[];
  /** The programs `bail` left unrun. */
  readonly notRun: readonly NotRunProgram[];
  /** The suite was stopped before every program ran, or a program's budget stopped it before its plan was drawn. */
  readonly interrupted: boolean;
  /** The run's budget (`maxCost`) and what its new calls spent. */
  readonly budget?: RunBudget;
}

/** A run's budget in dollars, what its new calls spent, and whether it stopped the run. */
export interface RunBudget {
  readonly dollars: number;
  readonly spent: number;
  readonly reached: boolean;
}

/** The summary with its comparison to the baseline's entry, when there is one to compare with; a regression fails it. */
function comparedWithBaseline(summary: ProgramSummary, suite: PreparedSuite, options: RunSuiteOptions): ProgramSummary {
  const entry = options.baseline?.update
    ? undefined
    : suite.baselineEntries.get(baselineKey(summary.programName, summary.interpreter));
  const comparison = entry && summary.status !== 'partial' ? compareWithBaseline(summary, entry) : undefined;
  if (!comparison) return summary;
  return {
    ...summary,
    baseline: comparison,
    ...(comparison.status === 'regressed' ? { status: 'failed' as const } : {}),
  };
}

/**
 * Runs every program of a prepared suite on each of its interpreters, one after another, and tells the reporters
 * as each ends. Stops starting programs when a stop signal aborts or a program was interrupted; after `bail` and a
 * failed program, the rest are listed as not run.
 */
export async function runPrograms(
  suite: PreparedSuite,
  options: RunSuiteOptions,
  clock: () => number,
): Promise<ProgramsRun> {
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...suite.config.retry, ...options.retry };
  const runBudget = options.maxCost !== undefined ? new SpendLimit(options.maxCost) : undefined;
  const context: SuiteRunContext = {
    suite,
    options,
    limits: new InterpreterLimits(),
    retry,
    clock,
    ...(runBudget ? { runBudget } : {}),
  };
  const summaries: ProgramSummary[] = [];
  const notRun: NotRunProgram[] = [];
  let interrupted = false;
  // A program stopped by its own budget leaves the run to resume, but the other programs still run.
  let partial = false;
  let bailed = false;
  for (const { program, interpreterNames } of suite.runs) {
    for (const name of interpreterNames) {
      if (bailed) {
        notRun.push({ file: program.file, programName: program.name, interpreter: name });
        continue;
      }
      if (interrupted || options.stopSignal?.aborted || options.signal?.aborted || runBudget?.reached) {
        interrupted = true;
        break;
      }
      const summary = comparedWithBaseline(await runOnInterpreter(program, name, context), suite, options);
      summaries.push(summary);
      for (const reporter of options.reporters ?? []) await reporter.onProgramEnd?.(summary);
      if (summary.run.interrupted) {
        partial = true;
        if (summary.run.stoppedBy !== 'budget' || runBudget?.reached) interrupted = true;
      }
      if (options.bail && summary.status === 'failed') bailed = true;
    }
    if (interrupted) break;
  }
  return {
    summaries,
    notRun,
    interrupted: interrupted || partial,
    ...(runBudget
      ? { budget: { dollars: runBudget.dollars, spent: runBudget.spent, reached: runBudget.reached } }
      : {}),
  };
}
