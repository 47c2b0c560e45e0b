import type { Shard } from '../engine/shard.js';
import type { RunPlan } from './run-plan.js';

/** Where a run stands. */
export type RunStatus = 'running' | 'complete' | 'interrupted';

/** A run: one invocation of `informal test`, with the programs it ran. */
export interface RunRecord {
  readonly id: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly status: RunStatus;
  /**
   * The command's arguments and working folder, to resume it, and what it planned to sample, to check a resume
   * against (absent in runs stored before plans were kept). A resume keeps the first invocation's.
   */
  readonly command: { readonly argv: readonly string[]; readonly cwd: string; readonly plan?: RunPlan };
  readonly shard?: Shard;
  /** The process that last started or resumed the run, on which machine; absent in runs stored before it was kept. */
  readonly owner?: RunOwner;
}

/** A process working on a run. */
export interface RunOwner {
  readonly pid: number;
  readonly host: string;
}

/** One program on one interpreter within a run. */
export interface ProgramRunRecord {
  readonly runId: string;
  readonly programName: string;
  readonly programFile: string;
  readonly programHash: string;
  readonly interpreterId: string;
  readonly baseSeed: number;
  readonly samplesPerCase: number;
  readonly planned: number;
  readonly status: RunStatus;
}

/** A stored verified sample. */
export interface ResultRecord {
  readonly caseId: string;
  readonly sampleIndex: number;
  readonly seed: number;
  readonly sampleKey: string;
  readonly score: unknown;
  readonly success: boolean;
}
