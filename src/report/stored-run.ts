import type { CaseRun, ProgramRun, SampleRecord } from '../contracts/program-run.js';
import type { Score } from '../contracts/score.js';
import type { SqliteStore } from '../store/sqlite-store.js';
import type { ProgramRunRecord, RunRecord } from '../store/store-types.js';
import { rebuildSteps, stepReader } from '../store/stored-trace.js';

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
  store: SqliteStore,
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

interface ResultRow {
  case_id: string;
  sample_index: number;
  seed: number;
  score_json: string;
  success: number;
  sample_key: string;
  trace_json: string | null;
}

/** Reads every program run of a run from the store, with its samples, scores and steps. */
export function readStoredRun(store: SqliteStore, runId: string): StoredProgramRun[] {
  store.flush();
  const run = store.getRun(runId);
  if (!run) return [];
  const statement = store.database.prepare<[string, string, string], ResultRow>(
    `SELECT r.case_id, r.sample_index, r.seed, r.score_json, r.success, r.sample_key, r.trace_json
     FROM results r
     JOIN program_runs pr ON pr.id = r.program_run_id
     WHERE pr.run_id = ? AND pr.program_name = ? AND pr.interpreter_id = ?
     ORDER BY r.case_id, r.sample_index`,
  );
  const read = stepReader(store.database);
  return store.programRuns(runId).map((record) => {
    const cases = new Map<string, SampleRecord[]>();
    for (const row of statement.iterate(runId, record.programName, record.interpreterId)) {
      const { steps, complete } = rebuildSteps(row.trace_json, row.sample_key, read, {
        interpreterId: record.interpreterId,
        caseId: row.case_id,
        sampleIndex: row.sample_index,
        settings: {},
      });
      const step = steps.at(-1);
      const sample: SampleRecord = {
        caseId: row.case_id,
        index: row.sample_index,
        seed: row.seed,
        output: complete && step ? step.output : null,
        score: JSON.parse(row.score_json) as Score,
        success: row.success === 1,
        cached: false,
        trace: {
          programName: record.programName,
          programHash: record.programHash,
          interpreterId: record.interpreterId,
          caseId: row.case_id,
          sampleIndex: row.sample_index,
          seed: row.seed,
          settings: {},
          steps,
        },
      };
      const list = cases.get(row.case_id);
      if (list) list.push(sample);
      else cases.set(row.case_id, [sample]);
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
