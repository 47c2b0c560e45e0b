import type { Score } from '../contracts/score.js';
import type { Shard } from '../contracts/shard.js';
import type { StepTrace } from '../contracts/trace.js';
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

/** Whether starting a run claimed it; when not, the live process that holds it. */
export type RunClaim = { readonly claimed: true } | { readonly claimed: false; readonly owner: RunOwner };

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

/** A stored verified sample with its steps, as the store rebuilds them. */
export interface StoredSample {
  readonly caseId: string;
  readonly sampleIndex: number;
  readonly seed: number;
  /** The cache key of its final step. */
  readonly sampleKey: string;
  readonly score: Score;
  readonly success: boolean;
  /**
   * Its steps in order (messages, text, parsed output, usage), with the nested traces of called programs; a step
   * whose call failed is not kept (failed calls are never cached), and so is missing here.
   */
  readonly steps: readonly StepTrace[];
  /** False when a step's call had failed: then `steps` lacks it, and the sample has no final output. */
  readonly complete: boolean;
}
