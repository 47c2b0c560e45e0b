import type { SamplingSettings } from '../contracts/interpreter-call.js';
import type { Shard } from '../contracts/shard.js';
import type { InterpreterPrice } from '../cost/interpreter-price.js';

/**
 * What a run set out to sample, kept with the run so that `--resume` can check it is asked to draw the same samples,
 * and so that `informal runs` can say what a run holds before its programs have all started.
 */
export interface RunPlan {
  /** Each program on each interpreter, in the order they run. */
  readonly programRuns: readonly PlannedProgramRun[];
  /** `--adaptive`'s stopping rule, when the run spends its samples adaptively. */
  readonly adaptive?: { readonly targetWidth: number; readonly budget?: number };
  /**
   * Set on a plan rebuilt from the program runs a run had started (runs stored before plans were kept): it lacks
   * the programs the run had not reached, and their cases and settings.
   */
  readonly partial?: true;
  /**
   * The price of each interpreter the run uses, by its id and by the suite's name for it, as the config and the
   * catalogue gave it when the run started: reports from the store price the run as it was run. Absent for an
   * interpreter without a price, and in runs stored before prices were kept.
   */
  readonly prices?: Readonly<Record<string, InterpreterPrice>>;
}

/** One program on one interpreter, as a run plans it. */
export interface PlannedProgramRun {
  readonly program: string;
  /** The interpreter's id (an alias from the config resolved), as the run's program runs name it. */
  readonly interpreterId: string;
  /** The program's hash: what an interpreter sees of it (see `Program.hash`). */
  readonly programHash: string;
  /** The base seed, after `--seed`. */
  readonly seed: number;
  readonly samplesPerCase: number;
  /** The ids of the cases sampled, after `-t`; absent in a partial plan. */
  readonly cases?: readonly string[];
  /** The sampling settings sent, the config's defaults under the program's own; absent in a partial plan. */
  readonly settings?: SamplingSettings;
  /**
   * Set when the program samples sequentially (`--sequential`, or `sequential` in its file): the chance of a wrong
   * decision it is tested at. Its samples are then drawn in rounds until its expectations are decided.
   */
  readonly sequential?: { readonly errorRate: number };
  /** The interpreter of the program's simulated user, when it names its own: what prices its calls. */
  readonly userInterpreter?: string;
}

/**
 * How many samples the plan draws in all, within `shard` when it has one; undefined when that is not fixed in
 * advance (adaptive or sequential sampling) or not known (a partial plan).
 */
export function plannedSamples(plan: RunPlan, shard?: Shard): number | undefined {
  if (plan.adaptive || plan.partial || plan.programRuns.some((run) => run.sequential)) return undefined;
  let total = 0;
  for (const programRun of plan.programRuns) {
    const all = (programRun.cases?.length ?? 0) * programRun.samplesPerCase;
    // A shard takes every count-th sample of each program run's plan, from the index-th on (see `inShard`).
    total += shard ? Math.max(0, Math.floor((all - shard.index) / shard.count) + 1) : all;
  }
  return total;
}
