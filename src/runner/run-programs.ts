import { defaultRetryPolicy, type RetryPolicy } from '../engine/retry-policy.js';
import { SpendLimit } from '../engine/spend-limit.js';
import { compareWithBaseline } from './baseline-comparison.js';
import { InterpreterLimits } from './interpreter-limits.js';
import { baselineKey, type PreparedSuite } from './prepare-suite.js';
import type { ProgramSummary } from './program-summary.js';
import { runOnInterpreter, type SuiteRunContext } from './run-on-interpreter.js';
import type { RunSuiteOptions } from './run-suite-options.js';
import type { SetUpInterpreter } from './set-up-interpreter.js';
import type { NotRunProgram } from './suite-result.js';
import { runSchedule, type ScheduledRun } from './suite-scheduler.js';

/** What the programs of a suite did, in suite order. */
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
 * Runs every program of a prepared suite on each of its interpreters and tells the reporters of each in suite order.
 *
 * The programs on one interpreter feed its limit of calls in flight as one queue: a program starts as soon as the
 * one before it on that interpreter has started all its samples, and the interpreters run side by side (see
 * `runSchedule`). Reporters still hear each program whole, one after another, in suite order, and the summaries come
 * in that order. With `bail`, programs run one at a time, as a failed one leaves the rest not run.
 *
 * No program starts once a stop signal aborts, the run's budget is reached or a program was interrupted; those in
 * flight end interrupted, with their finished samples kept. A program stopped by its own budget leaves the others
 * running. A program that throws stops the others from taking new samples, and the error is thrown once they ended.
 */
export async function runPrograms(
  suite: PreparedSuite,
  options: RunSuiteOptions,
  clock: () => number,
): Promise<ProgramsRun> {
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...suite.config.retry, ...options.retry };
  const runBudget = options.maxCost !== undefined ? new SpendLimit(options.maxCost) : undefined;
  // The runs stop taking samples when the caller's stop signal aborts, or when a run throws.
  const halt = new AbortController();
  const haltOnStop = () => halt.abort();
  if (options.stopSignal?.aborted) halt.abort();
  options.stopSignal?.addEventListener('abort', haltOnStop, { once: true });
  const context: SuiteRunContext = {
    suite,
    options: { ...options, stopSignal: halt.signal },
    limits: new InterpreterLimits(),
    retry,
    clock,
    ...(runBudget ? { runBudget } : {}),
  };
  const reporters = options.reporters ?? [];
  const summaries: ProgramSummary[] = [];
  const notRun: NotRunProgram[] = [];
  let interrupted = false;
  // A program stopped by its own budget leaves the run to resume, but the other programs still run.
  let partial = false;
  let bailed = false;
  const runs: ScheduledRun[] = suite.runs.flatMap(({ program, interpreterNames }) =>
    interpreterNames.map((name) => ({
      program,
      name,
      lane: (suite.interpreters.get(name) as SetUpInterpreter).interpreter.id,
    })),
  );
  try {
    await runSchedule({
      runs,
      oneAtATime: options.bail === true,
      holdBack: () => {
        if (bailed) return 'not-run';
        const stopped = interrupted || halt.signal.aborted || options.signal?.aborted || runBudget?.reached;
        return stopped ? 'stopped' : undefined;
      },
      start: (run, events, allStarted) =>
        runOnInterpreter(run.program, run.name, context, events, allStarted, () => events.room()),
      onRunStart: (run, events) => {
        for (const reporter of reporters) reporter.onProgramStart?.(run.program, events);
      },
      onRunEnd: async (_run, ran) => {
        const summary = comparedWithBaseline(ran, suite, options);
        summaries.push(summary);
        for (const reporter of reporters) await reporter.onProgramEnd?.(summary);
        if (summary.run.interrupted) {
          partial = true;
          if (summary.run.stoppedBy !== 'budget' || runBudget?.reached) interrupted = true;
        }
        if (options.bail && summary.status === 'failed') bailed = true;
      },
      onNotStarted: (run, reason) => {
        if (reason === 'not-run')
          notRun.push({ file: run.program.file, programName: run.program.name, interpreter: run.name });
        else interrupted = true;
      },
      onFailure: () => halt.abort(),
    });
  } finally {
    options.stopSignal?.removeEventListener('abort', haltOnStop);
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
