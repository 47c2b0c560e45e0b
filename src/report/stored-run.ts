import type { CaseRun, ProgramRun, SampleRecord } from '../contracts/program-run.js';
import { CaseTallyBuilder, type TallyOptions } from '../engine/tally/case-tally-builder.js';
import { tallySizes } from '../engine/tally/tally-sizes.js';
import type { StoreReader } from '../store/store-reader.js';
import type { ProgramRunRecord, RunRecord } from '../store/store-types.js';
import { getOrCreate } from '../util/get-or-create.js';

/** One program's run on one interpreter, read back from the store. */
export interface StoredProgramRun {
  readonly run: RunRecord;
  readonly record: ProgramRunRecord;
  /**
   * The run as the engine produced it, as far as the store keeps it: each case's tally and the samples kept whole
   * (every sample, for a sequential run), each with its score tree and its steps in order (messages, text, parsed output, usage), with the nested traces of called programs. Not kept, and so empty or defaulted here: the interpreter's
   * description (its id instead), the sampling settings, warnings, which samples came from the cache, and the
   * steps of samples whose interpreter call failed (failed calls are never cached).
   */
  readonly programRun: ProgramRun;
}

/** A run id from the command line: an id in the store, or `latest`. */
export function resolveRunId(
  store: StoreReader,
  reference: string,
):
  | { readonly ok: true; readonly id: string }
  | { readonly ok: false; readonly problem: string; readonly hint: string } {
  const runs = store.listRuns();
  const id = reference === 'latest' ? runs.at(-1)?.id : reference;
  if (id !== undefined && runs.some((run) => run.id === id)) return { ok: true, id };
  const recent = runs.slice(-3).map((run) => run.id);
  return {
    ok: false,
    problem: reference === 'latest' ? `the store ${store.path} holds no runs` : `no run ${reference} in ${store.path}`,
    hint: recent.length > 0 ? `recent runs: ${recent.join(', ')}, or latest` : 'run `informal test` first',
  };
}

/**
 * Reads every program run of a run from the store, sample by sample, into each case's tally and the few samples
 * kept whole (as the run made them: see `CaseTallyBuilder`), so that memory does not grow with the samples stored.
 * A sequential program run keeps every sample, which replaying its rounds needs.
 */
export function readStoredRun(store: StoreReader, runId: string): StoredProgramRun[] {
  const run = store.getRun(runId);
  if (!run) return [];
  const plan = run.command.plan;
  return store.programRuns(runId).map((record) => {
    const planned = plan?.programRuns.find(
      (candidate) => candidate.program === record.programName && candidate.interpreterId === record.interpreterId,
    );
    const keepAll = planned?.sequential !== undefined;
    const options: TallyOptions = {
      priceOf: (interpreter) => plan?.prices?.[interpreter],
      ...(planned?.userInterpreter !== undefined ? { userInterpreter: planned.userInterpreter } : {}),
      ...tallySizes(planned?.cases?.length ?? 1),
    };
    const all = new Map<string, SampleRecord[]>();
    const tallies = new Map<string, CaseTallyBuilder>();
    for (const stored of store.readSamples(record)) {
      const step = stored.steps.at(-1);
      const sample: SampleRecord = {
        caseId: stored.caseId,
        index: stored.sampleIndex,
        seed: stored.seed,
        output: stored.complete && step ? step.output : null,
        score: stored.score,
        success: stored.success,
        cached: false,
        trace: {
          programName: record.programName,
          programHash: record.programHash,
          interpreterId: record.interpreterId,
          caseId: stored.caseId,
          sampleIndex: stored.sampleIndex,
          seed: stored.seed,
          settings: {},
          steps: stored.steps,
        },
      };
      if (keepAll) getOrCreate(all, stored.caseId, () => []).push(sample);
      else getOrCreate(tallies, stored.caseId, () => new CaseTallyBuilder(options)).add(sample);
    }
    const caseRuns: CaseRun[] = keepAll
      ? [...all].map(([caseId, samples]) => ({ caseId, samples }))
      : [...tallies].map(([caseId, builder]) => ({ caseId, samples: builder.kept(), tally: builder.tally() }));
    const programRun: ProgramRun = {
      runId,
      programName: record.programName,
      file: record.programFile,
      programHash: record.programHash,
      interpreterId: record.interpreterId,
      interpreterDescription: record.interpreterId,
      baseSeed: record.baseSeed,
      settings: {},
      samplesPerCase: record.samplesPerCase,
      planned: record.planned,
      ...(run.shard ? { shard: run.shard } : {}),
      interrupted: record.status !== 'complete',
      cacheHits: 0,
      cases: caseRuns,
      warnings: [],
      startedAt: run.createdAt,
      durationMs: Math.max(0, run.updatedAt - run.createdAt),
    };
    return { run, record, programRun };
  });
}
