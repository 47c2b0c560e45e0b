import { runOwnerAlive } from '../store/run-liveness.js';
import type { RunPlan } from '../store/run-plan.js';
import type { StoreReader } from '../store/store-reader.js';
import type { ProgramRunRecord, RunOwner, RunRecord } from '../store/store-types.js';
import { resumeCommandLine, shellWord } from './resume-command-line.js';
import { findResumeMismatch, type ResumeMismatch, type SamplingRequest } from './resume-mismatch.js';
import type { SuiteError } from './suite-result.js';

/** The run `--resume` continues, or why it cannot. */
export type RunToResume =
  | { readonly ok: true; readonly run: RunRecord }
  | { readonly ok: false; readonly error: SuiteError };

const newRunHint = 'or start a new run without --resume';

/**
 * The run `--resume <reference>` continues: the run of that id, or for `latest` the latest run that is not complete.
 * Refused, with what to do instead: a run not in the store, a complete run (nothing is left to draw), and a run
 * that `requested` would sample differently (its samples and the new ones would not belong to one run).
 */
export function findRunToResume(
  store: StoreReader,
  reference: string,
  requested: SamplingRequest,
  cwd: string,
): RunToResume {
  const runs = store.listRuns();
  if (reference === 'latest') {
    const run = runs.filter((candidate) => candidate.status !== 'complete').at(-1);
    if (!run) {
      const problem =
        runs.length > 0
          ? `every run in ${store.path} is complete: there is none to resume`
          : `the store ${store.path} holds no runs to resume`;
      return { ok: false, error: { message: problem, hint: 'start a new run without --resume' } };
    }
    return checked(store, run, requested, cwd);
  }
  const run = runs.find((candidate) => candidate.id === reference);
  if (!run) {
    const recent = runs.slice(-3).map((candidate) => candidate.id);
    return {
      ok: false,
      error: {
        message: `no run ${reference} in the store ${store.path}`,
        hint:
          recent.length > 0
            ? `recent runs: ${recent.join(', ')}; \`informal runs\` lists them all, and --resume latest takes the latest unfinished one`
            : 'the store holds no runs yet',
      },
    };
  }
  if (run.status === 'complete') {
    return {
      ok: false,
      error: {
        message: `run ${run.id} is complete: every planned sample is stored, so there is nothing to resume`,
        hint: `read them with \`informal report ${run.id} --html report.html\`, ${newRunHint}`,
      },
    };
  }
  return checked(store, run, requested, cwd);
}

/** The run, when `requested` samples as it planned to. */
function checked(store: StoreReader, run: RunRecord, requested: SamplingRequest, cwd: string): RunToResume {
  // Checked again, atomically, when the run is claimed (`startRun`); checked here to refuse before anything else.
  if (run.status === 'running' && run.owner && runOwnerAlive(run.owner)) {
    return { ok: false, error: runHeldError(run.id, run.owner) };
  }
  const plan = run.command.plan ?? partialPlanOf(store.programRuns(run.id));
  const mismatch = findResumeMismatch({ plan, ...(run.shard ? { shard: run.shard } : {}) }, requested);
  if (!mismatch) return { ok: true, run };
  const inFolder = run.command.cwd === cwd ? '' : `cd ${shellWord(run.command.cwd)} && `;
  return {
    ok: false,
    error: {
      message: `cannot resume run ${run.id}: ${whatDiffers(mismatch)} (stored: ${mismatch.stored}; this command: ${mismatch.requested})`,
      hint:
        mismatch.setting === 'program'
          ? `the program was edited since the run started: undo the edit to resume it, ${newRunHint}`
          : `resume with the run's own command, \`${inFolder}informal ${resumeCommandLine(run.command.argv, run.id)}\`, ${newRunHint}`,
    },
  };
}

/** Why a run cannot be resumed while another process works on it. */
export function runHeldError(runId: string, owner: RunOwner): SuiteError {
  return {
    message: `run ${runId} is being run by another process (pid ${owner.pid} on this machine): two processes would draw the same samples twice`,
    hint: `wait for it to finish, or stop it (\`kill ${owner.pid}\`) and resume again`,
  };
}

/** A run stored before plans were kept: what its started program runs say of its plan. */
function partialPlanOf(programRuns: readonly ProgramRunRecord[]): RunPlan {
  return {
    partial: true,
    programRuns: programRuns.map((record) => ({
      program: record.programName,
      interpreterId: record.interpreterId,
      programHash: record.programHash,
      seed: record.baseSeed,
      samplesPerCase: record.samplesPerCase,
    })),
  };
}

/** The setting that differs, with its verb: "the seed of big differs". */
function whatDiffers(mismatch: ResumeMismatch): string {
  const of = mismatch.program !== undefined ? ` of ${mismatch.program}` : '';
  switch (mismatch.setting) {
    case 'shard':
      return 'the shard differs';
    case 'adaptive':
      return 'adaptive sampling differs';
    case 'sequential':
      return `sequential sampling${of} differs`;
    case 'programs':
      return 'the programs differ';
    case 'interpreters':
      return `the interpreters${of} differ`;
    case 'seed':
      return `the seed${of} differs`;
    case 'samples':
      return `the samples per case${of} differ`;
    case 'cases':
      return `the cases${of} differ`;
    case 'settings':
      return `the sampling settings${of} differ`;
    case 'program':
      return `the program ${mismatch.program ?? ''} differs`;
    default:
      return mismatch.setting satisfies never;
  }
}
