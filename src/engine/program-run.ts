import type { InterpreterWarning } from '../interpreters/step-result.js';
import type { Score } from '../verifiers/score.js';
import type { Trace } from './trace.js';

/** One verified sample. */
export interface SampleRecord {
  readonly caseId: string;
  readonly index: number;
  readonly seed: number;
  /** The program's final output. */
  readonly output: unknown;
  readonly score: Score;
  /** Whether the score passes the program's `pass when` rule. Errors are never successes. */
  readonly success: boolean;
  readonly trace: Trace;
}

/** The samples of one case, in index order. */
export interface CaseRun {
  readonly caseId: string;
  readonly samples: readonly SampleRecord[];
}

/** Everything one program's run on one interpreter produced. */
export interface ProgramRun {
  readonly runId: string;
  readonly programName: string;
  readonly file: string;
  readonly programHash: string;
  readonly interpreterId: string;
  readonly interpreterDescription: string;
  readonly baseSeed: number;
  readonly samplesPerCase: number;
  readonly cases: readonly CaseRun[];
  /** Each distinct warning of the run, once. */
  readonly warnings: readonly InterpreterWarning[];
  readonly startedAt: number;
  readonly durationMs: number;
}
