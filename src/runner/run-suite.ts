import { EventEmitter } from 'eventemitter3';
import type { RunEvents } from '../engine/run-events.js';
import { runProgram } from '../engine/run-program.js';
import type { Interpreter } from '../interpreters/interpreter.js';
import { resolveInterpreter } from '../interpreters/resolve-interpreter.js';
import { hasErrors } from '../lang/diagnostic.js';
import { loadProgram } from '../program/load-program.js';
import type { Reporter } from '../report/reporter.js';
import { discoverPrograms } from './discover-programs.js';
import type { ProgramSummary } from './program-summary.js';
import type { SuiteError, SuiteResult } from './suite-result.js';
import { summarizeRun } from './summarize-run.js';

/** The interpreter used when neither the command line nor the program names one. */
export const defaultInterpreterId = 'sim';

/** What `informal test` is asked to do. */
export interface RunSuiteOptions {
  /** Files and folders to search for `.prog` files, relative to `cwd`. */
  readonly paths: readonly string[];
  readonly cwd: string;
  /** Overrides every program's `model`. */
  readonly interpreter?: string;
  /** Overrides every program's base seed. */
  readonly seed?: number;
  readonly concurrency?: number;
  readonly reporters?: readonly Reporter[];
  readonly signal?: AbortSignal;
  readonly clock?: () => number;
}

/**
 * Runs a suite as a test runner does: finds the programs, checks all of them before sampling any (so one broken
 * file costs no samples), resolves their interpreters, runs them one after another, and tells the reporters.
 */
export async function runSuite(options: RunSuiteOptions): Promise<SuiteResult> {
  const clock = options.clock ?? Date.now;
  const startedAt = clock();
  const reporters = options.reporters ?? [];
  const finish = async (result: Omit<SuiteResult, 'startedAt' | 'durationMs'>): Promise<SuiteResult> => {
    const complete = { ...result, startedAt, durationMs: clock() - startedAt };
    for (const reporter of reporters) await reporter.onSuiteEnd?.(complete);
    return complete;
  };

  const discovery = await discoverPrograms(options.paths, options.cwd);
  const errors: SuiteError[] = discovery.missing.map((path) => ({
    message: `no such file or folder: ${path}`,
    hint: 'give a .prog file or a folder that holds some',
  }));
  if (discovery.files.length === 0 && errors.length === 0) {
    errors.push({ message: `no .prog files found in ${options.paths.join(', ')}`, hint: 'program files end in .prog' });
  }
  const loaded = await Promise.all(discovery.files.map((file) => loadProgram(file, options.cwd)));
  const interpreters = new Map<string, Interpreter>();
  for (const { program } of loaded) {
    const id = options.interpreter ?? program?.defaultInterpreter ?? defaultInterpreterId;
    if (!program || interpreters.has(id)) continue;
    const resolved = await resolveInterpreter(id, { cwd: options.cwd });
    if (resolved.ok) interpreters.set(id, resolved.interpreter);
    else if (!errors.some((error) => error.message === resolved.error.message)) errors.push(resolved.error);
  }
  if (errors.length > 0 || loaded.some((file) => hasErrors(file.diagnostics))) {
    return finish({ status: 'error', loaded, errors, programs: [] });
  }

  for (const reporter of reporters) await reporter.onSuiteStart?.({ files: discovery.files });
  const programs: ProgramSummary[] = [];
  for (const { program } of loaded) {
    if (!program || options.signal?.aborted) continue;
    const interpreter = interpreters.get(options.interpreter ?? program.defaultInterpreter ?? defaultInterpreterId);
    if (!interpreter) continue;
    const events = new EventEmitter<RunEvents>();
    for (const reporter of reporters) reporter.onProgramStart?.(program, events);
    const run = await runProgram(program, {
      interpreter,
      events,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      clock,
    });
    const summary = summarizeRun(program, run);
    programs.push(summary);
    for (const reporter of reporters) await reporter.onProgramEnd?.(summary);
  }
  const status = programs.every((summary) => summary.status === 'passed') ? 'passed' : 'failed';
  return finish({ status, loaded, errors, programs });
}
