import type { Shard } from '../engine/shard.js';
import type { PlannedProgramRun, RunPlan } from '../store/run-plan.js';

/** What decides which samples a run draws: its plan and its shard. */
export interface SamplingRequest {
  readonly plan: RunPlan;
  readonly shard?: Shard;
}

/** A setting that decides what is sampled, and in which a run and the command resuming it differ. */
export type ResumeSetting =
  | 'shard'
  | 'adaptive'
  | 'sequential'
  | 'programs'
  | 'interpreters'
  | 'seed'
  | 'samples'
  | 'cases'
  | 'settings'
  | 'program';

/** The first difference between a stored run and the command asked to resume it, each side described as text. */
export interface ResumeMismatch {
  readonly setting: ResumeSetting;
  /** The program the setting belongs to, for settings of one program. */
  readonly program?: string;
  /** The run's value. */
  readonly stored: string;
  /** This command's value. */
  readonly requested: string;
}

/**
 * The first setting in which `requested` would sample differently from the `stored` run, or undefined when it
 * draws exactly the run's samples. Reporters, output files, concurrency and the like are not part of either
 * side: they may change between a run and its resume. A partial stored plan is checked as far as it goes.
 */
export function findResumeMismatch(stored: SamplingRequest, requested: SamplingRequest): ResumeMismatch | undefined {
  const storedShard = describeShard(stored.shard);
  const requestedShard = describeShard(requested.shard);
  if (storedShard !== requestedShard) return { setting: 'shard', stored: storedShard, requested: requestedShard };
  const storedAdaptive = describeAdaptive(stored.plan.adaptive);
  const requestedAdaptive = describeAdaptive(requested.plan.adaptive);
  if (!stored.plan.partial && storedAdaptive !== requestedAdaptive) {
    return { setting: 'adaptive', stored: storedAdaptive, requested: requestedAdaptive };
  }

  const storedPrograms = unique(stored.plan.programRuns.map((run) => run.program));
  const requestedPrograms = unique(requested.plan.programRuns.map((run) => run.program));
  if (!sameMembers(storedPrograms, requestedPrograms, stored.plan.partial)) {
    return { setting: 'programs', stored: describeList(storedPrograms), requested: describeList(requestedPrograms) };
  }
  for (const program of storedPrograms) {
    const storedIds = interpreterIdsOf(stored.plan, program);
    const requestedIds = interpreterIdsOf(requested.plan, program);
    if (!sameMembers(storedIds, requestedIds, stored.plan.partial)) {
      return {
        setting: 'interpreters',
        program,
        stored: describeList(storedIds),
        requested: describeList(requestedIds),
      };
    }
  }
  for (const storedRun of stored.plan.programRuns) {
    const requestedRun = requested.plan.programRuns.find(
      (run) => run.program === storedRun.program && run.interpreterId === storedRun.interpreterId,
    ) as PlannedProgramRun;
    const mismatch = programRunMismatch(storedRun, requestedRun);
    if (mismatch) return { ...mismatch, program: storedRun.program };
  }
  return undefined;
}

/** The first difference between one program run as stored and as requested. */
function programRunMismatch(
  stored: PlannedProgramRun,
  requested: PlannedProgramRun,
): Omit<ResumeMismatch, 'program'> | undefined {
  if (stored.seed !== requested.seed) {
    return { setting: 'seed', stored: String(stored.seed), requested: String(requested.seed) };
  }
  if (stored.samplesPerCase !== requested.samplesPerCase) {
    return { setting: 'samples', stored: String(stored.samplesPerCase), requested: String(requested.samplesPerCase) };
  }
  // A partial plan (no cases) predates sequential runs: it has nothing to compare.
  const storedSequential = describeSequential(stored.sequential);
  const requestedSequential = describeSequential(requested.sequential);
  if (stored.cases && storedSequential !== requestedSequential) {
    return { setting: 'sequential', stored: storedSequential, requested: requestedSequential };
  }
  if (stored.cases && requested.cases && stored.cases.join('\u0000') !== requested.cases.join('\u0000')) {
    return { setting: 'cases', stored: describeCases(stored.cases), requested: describeCases(requested.cases) };
  }
  if (stored.settings && requested.settings) {
    const storedSettings = describeSettings(stored.settings);
    const requestedSettings = describeSettings(requested.settings);
    if (storedSettings !== requestedSettings) {
      return { setting: 'settings', stored: storedSettings, requested: requestedSettings };
    }
  }
  // Checked last: the hash covers the settings too, and a named setting says more than a hash.
  if (stored.programHash !== requested.programHash) {
    return {
      setting: 'program',
      stored: `hash ${stored.programHash.slice(0, 12)}`,
      requested: `hash ${requested.programHash.slice(0, 12)}`,
    };
  }
  return undefined;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** Whether the lists hold the same members; with `subset`, whether every stored one is requested. */
function sameMembers(stored: readonly string[], requested: readonly string[], subset?: boolean): boolean {
  const wanted = new Set(requested);
  return stored.every((value) => wanted.has(value)) && (subset === true || stored.length === wanted.size);
}

function interpreterIdsOf(plan: RunPlan, program: string): string[] {
  return unique(plan.programRuns.filter((run) => run.program === program).map((run) => run.interpreterId));
}

const describeShard = (shard: Shard | undefined) => (shard ? `${shard.index}/${shard.count}` : 'none');

function describeAdaptive(adaptive: RunPlan['adaptive']): string {
  if (!adaptive) return 'off';
  return `target width ${adaptive.targetWidth}${adaptive.budget !== undefined ? `, budget ${adaptive.budget}` : ''}`;
}

function describeSequential(sequential: PlannedProgramRun['sequential']): string {
  return sequential ? `error rate ${sequential.errorRate}` : 'off';
}

/** A list short enough for one line. */
function describeList(values: readonly string[], most = 4): string {
  if (values.length === 0) return 'none';
  const shown = values.slice(0, most).join(', ');
  return values.length > most ? `${shown} and ${values.length - most} more` : shown;
}

function describeCases(cases: readonly string[]): string {
  return `${cases.length} case${cases.length === 1 ? '' : 's'}: ${describeList(cases, 3)}`;
}

function describeSettings(settings: NonNullable<PlannedProgramRun['settings']>): string {
  const entries = Object.entries(settings)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'the defaults' : entries.map(([name, value]) => `${name} ${value}`).join(', ');
}
