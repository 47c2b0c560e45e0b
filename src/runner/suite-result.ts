import type { LoadedProgram } from '../program/load-program.js';
import type { InterpreterComparison } from './compare-interpreters.js';
import type { ProgramSummary } from './program-summary.js';
import type { RunBudget } from './run-programs.js';
import type { RunSpend } from './run-spend.js';

/**
 * The outcome of `informal test`: `passed` when every expectation holds (or, for a shard, every sample was drawn),
 * `failed` when one does not, `error` when the suite could not run as asked (a program with errors, an unknown
 * interpreter), `interrupted` when it was stopped. Exit codes 0, 1, 2 and 130.
 */
export type SuiteStatus = 'passed' | 'failed' | 'error' | 'interrupted';

/** A problem that stops the suite and belongs to no program's text, such as an unknown interpreter. */
export interface SuiteError {
  readonly message: string;
  readonly hint?: string;
}

/** A program on an interpreter that `--bail` left unrun. */
export interface NotRunProgram {
  readonly file: string;
  readonly programName: string;
  /** The interpreter as the suite named it. */
  readonly interpreter: string;
}

export interface SuiteResult {
  readonly status: SuiteStatus;
  /** The run's id in the store, for `--resume`; absent when the suite did not start. */
  readonly runId?: string;
  /** Every program file, loaded, with its diagnostics. */
  readonly loaded: readonly LoadedProgram[];
  readonly errors: readonly SuiteError[];
  /** One summary per program and interpreter, a program's interpreters next to each other. */
  readonly programs: readonly ProgramSummary[];
  /**
   * For each program run on several interpreters, each further interpreter against the first (pass@1 paired over
   * cases); empty when every program ran on one interpreter.
   */
  readonly interpreterComparisons: readonly InterpreterComparison[];
  /** The programs left unrun after `--bail` stopped the suite. */
  readonly notRun?: readonly NotRunProgram[];
  /** The baseline file written by `--update-baseline`, when one was. */
  readonly baselineWritten?: string;
  /** What the whole run used and cost: its programs' own calls, their simulated users', their judges', and all. */
  readonly spend: RunSpend;
  /** The run's budget (`maxCost`), what its new calls spent, and whether it stopped the run. */
  readonly budget?: RunBudget;
  readonly startedAt: number;
  readonly durationMs: number;
}

/** The process exit code for a suite status. */
export function exitCodeFor(status: SuiteStatus): 0 | 1 | 2 | 130 {
  switch (status) {
    case 'passed':
      return 0;
    case 'failed':
      return 1;
    case 'error':
      return 2;
    case 'interrupted':
      return 130;
    default:
      return status satisfies never;
  }
}
