import { dirname } from 'node:path';
import { baselineEntryOf } from './baseline-comparison.js';
import { type BaselineEntry, writeBaseline } from './baseline-file.js';
import { baselineKey, closeInterpreters, type PreparedSuite } from './prepare-suite.js';
import type { ProgramsRun } from './run-programs.js';
import type { RunSuiteOptions } from './run-suite-options.js';
import type { SuiteError, SuiteResult, SuiteStatus } from './suite-result.js';
import { undeterminedProblems } from './undetermined-programs.js';

/** A suite's result but for its timing. */
export type ConcludedSuite = Omit<
  SuiteResult,
  'startedAt' | 'durationMs' | 'errors' | 'interpreterComparisons' | 'spend'
> & {
  readonly errors: readonly SuiteError[];
};

/**
 * Writes the baseline file from the programs run whole, with `baseline.update` (not for a shard or an interrupted
 * suite): their entries replace the old ones, the others' are kept. Returns the file written, if any.
 */
function updateBaseline(suite: PreparedSuite, run: ProgramsRun, options: RunSuiteOptions): string | undefined {
  if (!options.baseline?.update || run.interrupted || options.shard) return undefined;
  const complete = new Set(
    suite.loaded.flatMap((file) => (file.program ? [`${file.program.name}\u0000${file.program.cases.length}`] : [])),
  );
  const written = new Map<string, BaselineEntry>(suite.baselineEntries);
  const folder = dirname(options.baseline.file);
  for (const summary of run.summaries) {
    if (summary.status === 'partial' || !complete.has(`${summary.programName}\u0000${summary.cases.length}`)) continue;
    written.set(baselineKey(summary.programName, summary.interpreter), baselineEntryOf(summary, folder, options.cwd));
  }
  writeBaseline(options.baseline.file, { version: 1, entries: [...written.values()] });
  return options.baseline.file;
}

/**
 * Ends a suite that ran: updates the baseline, closes the interpreters, ends the run in the store, and decides the
 * status (`interrupted`; `error` when a program's expectations could not be decided; `failed`; `passed`).
 */
export async function concludeSuite(
  suite: PreparedSuite,
  run: ProgramsRun,
  options: RunSuiteOptions,
): Promise<ConcludedSuite> {
  const baselineWritten = updateBaseline(suite, run, options);
  await closeInterpreters(suite.interpreters);
  suite.store?.endRun(suite.runId, run.interrupted ? 'interrupted' : 'complete');
  const errors = run.interrupted ? [] : run.summaries.flatMap(undeterminedProblems);
  const status: SuiteStatus = run.interrupted
    ? 'interrupted'
    : errors.length > 0
      ? 'error'
      : run.summaries.some((summary) => summary.status === 'failed')
        ? 'failed'
        : 'passed';
  return {
    status,
    runId: suite.runId,
    loaded: suite.loaded,
    programs: run.summaries,
    errors,
    ...(run.notRun.length > 0 ? { notRun: run.notRun } : {}),
    ...(baselineWritten ? { baselineWritten } : {}),
    ...(run.budget ? { budget: run.budget } : {}),
  };
}
