import type { CaseRun, ProgramRun, SampleRecord } from '../contracts/program-run.js';
import type { StoreReader } from '../store/store-reader.js';
import type { ProgramRunRecord, RunRecord } from '../store/store-types.js';

/** One program's run on one interpreter, read back from the store. */
export interface StoredProgramRun {
  readonly run: RunRecord;
  readonly record: ProgramRunRecord;
  /**
   * The run as the engine produced it, as far as the store keeps it: every verified sample with its score tree and
   * its steps in order (messages, text, parsed output, usage), with the nested traces of called programs. Not kept, and so empty or defaulted here: the interpreter's
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

/** Reads every program run of a run from the store, with its samples, scores and steps. */
export function readStoredRun(store: StoreReader, runId: string): StoredProgramRun[] {
  const run = store.getRun(runId);
  if (!run) return [];
  return store.programRuns(runId).map((record) => {
    const cases = new Map<string, SampleRecord[]>();
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
      const list = cases.get(stored.caseId);
      if (list) list.push(sample);
      else cases.set(stored.caseId, [sample]);
    }
    const caseRuns: CaseRun[] = [...cases].map(([caseId, samples]) => ({ caseId, samples }));
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
