import type { CaseTally } from './case-tally.js';
import type { SamplingSettings } from './interpreter-call.js';
import type { Score } from './score.js';
import type { Shard } from './shard.js';
import type { InterpreterWarning } from './step-result.js';
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
  /** True when the interpreter's result came from the cache. */
  readonly cached: boolean;
  readonly trace: Trace;
}

/** The samples of one case. */
export interface CaseRun {
  readonly caseId: string;
  /**
   * Every sample in index order, unless `tally` is set: then only the samples kept whole for reports, in index
   * order (`TallyOptions.keep`).
   */
  readonly samples: readonly SampleRecord[];
  /** The case's samples reduced as they were recorded; absent when `samples` holds every sample. */
  readonly tally?: CaseTally;
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
  /** The sampling settings every call carried: the program's, over the config's defaults. */
  readonly settings: SamplingSettings;
  readonly samplesPerCase: number;
  /** Samples this run was to draw: cases × samples, or this shard's part of them. */
  readonly planned: number;
  /** The part of the plan this run drew, when it ran as a shard. */
  readonly shard?: Shard;
  /** True when the run was stopped before drawing every planned sample. */
  readonly interrupted: boolean;
  /** Set when a budget (`budget` in the program, `--max-cost` for the run) stopped the run before its plan was drawn. */
  readonly stoppedBy?: 'budget';
  /** Samples whose interpreter result came from the cache. */
  readonly cacheHits: number;
  readonly cases: readonly CaseRun[];
  /** Each distinct warning of the run, once. */
  readonly warnings: readonly InterpreterWarning[];
  readonly startedAt: number;
  readonly durationMs: number;
}

/** The samples drawn for a case: its tally's count, or its samples. */
export function drawnOf(caseRun: CaseRun): number {
  return caseRun.tally?.drawn ?? caseRun.samples.length;
}
