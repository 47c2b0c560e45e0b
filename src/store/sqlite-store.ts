import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SampleRecord } from '../engine/program-run.js';
import type { CachedStep, ProgramRunKey, SampleStore, StepKeys } from '../engine/sample-store.js';
import { parseShard } from '../engine/shard.js';
import type { Message } from '../interpreters/interpreter-call.js';
import { redactKnownSecretsDeep, redactSecrets } from '../util/redact-secrets.js';
import { type BatchSink, inlineSink, threadSink, writerThreadAvailable } from './batch-sink.js';
import { migrations, schemaVersion } from './migrations.js';
import { stepFromJson, stepToJson } from './step-json.js';
import type { ProgramRunRecord, ResultRecord, RunOwner, RunRecord, RunStatus } from './store-types.js';
import { storedTraceJson } from './stored-trace.js';
import { configureConnection, type WriteBatch } from './write-batch.js';

/** The default place of the store, relative to the project's folder. */
export const defaultStorePath = '.informal/store.sqlite';

/** A store file written by a newer informal than this one. */
/** A store file that cannot be opened: not a database, unreadable, or not writable. `hint` says what to do. */
export class StoreOpenError extends Error {
  override readonly name: string = 'StoreOpenError';
  constructor(
    readonly path: string,
    message: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A store file written by a newer informal than this one. */
export class StoreVersionError extends StoreOpenError {
  override readonly name = 'StoreVersionError';
  constructor(
    path: string,
    readonly version: number,
  ) {
    super(
      path,
      `the store ${path} has schema version ${version}; this informal reads up to ${schemaVersion}`,
      'upgrade informal, or give another file with --store',
    );
  }
}

interface RunRow {
  id: string;
  created_at: number;
  updated_at: number;
  status: RunStatus;
  command_json: string;
  shard: string | null;
  owner_json: string | null;
}

/** Writes wait in memory until this many rows are buffered or this much time has passed, then go in one transaction. */
const flushRows = 2000;
const flushDelayMs = 100;

/**
 * The SQLite store (better-sqlite3, WAL): runs, cached interpreter results, and verified results. Implements the
 * engine's `SampleStore`. Writes are batched into transactions, so a killed process loses at most the last
 * fraction of a second of samples, and never leaves half a sample.
 */
export class SqliteStore implements SampleStore {
  readonly database: Database.Database;
  /** Steps by key, as JSON. */
  private readonly pendingSteps = new Map<string, string>();
  /** Key prefixes first seen since the last batch: prefix → [interpreter id, prompt hash]. */
  private readonly pendingPrefixes = new Map<string, readonly [string, string]>();

  private readonly pendingPrompts = new Map<string, string>();
  /** Prefixes already handed to the writer by this store, so each is written once. */
  private readonly knownPrefixes = new Set<string>();
  private pendingResults: unknown[][] = [];
  private readonly programRunIds = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private readonly statements;

  private readonly sink: BatchSink;

  /**
   * Opens (creating when absent) the store at `path`. Samples and results are written by a writer thread when the
   * built package has one (`writerThread`, on by default), else on this thread; either way `flush` makes them durable.
   */
  constructor(
    readonly path: string,
    private readonly now: () => number = Date.now,
    options: { readonly writerThread?: boolean } = {},
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    try {
      this.database = new Database(path);
      configureConnection(this.database);
      this.migrate();
    } catch (error) {
      if (error instanceof StoreOpenError) throw error;
      throw new StoreOpenError(
        path,
        `cannot open the store ${path}: ${(error as Error).message}`,
        'give a writable SQLite file (or a new path) with --store',
        {
          cause: error,
        },
      );
    }
    const threaded = (options.writerThread ?? true) && writerThreadAvailable && path !== ':memory:';
    this.sink = threaded ? threadSink(path) : inlineSink(this.database);
    const database = this.database;
    this.statements = {
      lookup: database.prepare<[string, string], { key: string; step_json: string }>(
        'SELECT key, step_json FROM samples WHERE key >= ? AND key < ?',
      ),
      programRunId: database.prepare<[string, string, string], { id: number }>(
        'SELECT id FROM program_runs WHERE run_id = ? AND program_name = ? AND interpreter_id = ?',
      ),
    };
  }

  private migrate(): void {
    const version = this.database.pragma('user_version', { simple: true }) as number;
    if (version > schemaVersion) throw new StoreVersionError(this.path, version);
    this.database.transaction(() => {
      for (let next = version; next < schemaVersion; next++) this.database.exec(migrations[next] as string);
      this.database.pragma(`user_version = ${schemaVersion}`);
    })();
  }

  lookupSteps(prefix: string): Map<string, CachedStep> {
    this.sink.drain();
    const found = new Map<string, CachedStep>();
    // Keys are `${prefix}.${seed}`: the range from "prefix." up to "prefix/" holds exactly that prompt's samples.
    for (const row of this.statements.lookup.iterate(`${prefix}.`, `${prefix}/`)) {
      found.set(row.key, stepFromJson(row.step_json));
    }
    for (const [key, pending] of this.pendingSteps) {
      if (key.startsWith(`${prefix}.`) && !found.has(key)) found.set(key, stepFromJson(pending));
    }
    return found;
  }

  saveStep(entry: {
    key: string;
    interpreterId: string;
    seed: number;
    promptHash: string;
    messages: readonly Message[];
    step: CachedStep & { messages?: unknown };
  }): void {
    const { messages: _messages, ...step } = entry.step;
    const prefix = entry.key.slice(0, entry.key.lastIndexOf('.'));
    if (!this.knownPrefixes.has(prefix)) {
      this.knownPrefixes.add(prefix);
      this.pendingPrefixes.set(prefix, [entry.interpreterId, entry.promptHash]);
      if (!this.pendingPrompts.has(entry.promptHash)) {
        // What is stored has the secrets the process knows masked: a key read into a prompt never reaches the disk.
        this.pendingPrompts.set(entry.promptHash, JSON.stringify(redactKnownSecretsDeep(entry.messages)));
      }
    }
    this.pendingSteps.set(entry.key, stepToJson(step));
    this.scheduleFlush();
  }

  /** The row id of a program run; it must have been started. */
  private programRunId(run: ProgramRunKey): number {
    const mapKey = `${run.runId}\u0000${run.programName}\u0000${run.interpreterId}`;
    let id = this.programRunIds.get(mapKey);
    if (id === undefined) {
      id = this.statements.programRunId.get(run.runId, run.programName, run.interpreterId)?.id;
      if (id === undefined) throw new Error(`program run ${mapKey} was not started in the store`);
      this.programRunIds.set(mapKey, id);
    }
    return id;
  }

  saveResult(run: ProgramRunKey, record: SampleRecord, key: string, stepKeys?: StepKeys): void {
    this.pendingResults.push([
      this.programRunId(run),
      record.caseId,
      record.index,
      record.seed,
      key,
      JSON.stringify(redactKnownSecretsDeep(record.score)),
      record.success ? 1 : 0,
      storedTraceJson(record.trace.steps, stepKeys),
    ]);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.pendingSteps.size + this.pendingResults.length >= flushRows) this.handOver(false);
    else if (!this.timer) {
      this.timer = setTimeout(() => this.handOver(false), flushDelayMs);
      this.timer.unref();
    }
  }

  /** Hands the buffered rows to the sink as one batch; `wait` until they are durable. */
  private handOver(wait: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pendingSteps.size === 0 && this.pendingResults.length === 0) {
      if (wait) this.sink.drain();
      return;
    }
    const createdAt = this.now();
    const steps: unknown[][] = [];
    for (const [key, step] of this.pendingSteps) steps.push([key, step, createdAt]);
    const prefixes = [...this.pendingPrefixes].map(
      ([prefix, [interpreterId, promptHash]]) => [prefix, interpreterId, promptHash] as const,
    );
    const batch: WriteBatch = { prompts: [...this.pendingPrompts], prefixes, steps, results: this.pendingResults };
    this.pendingPrompts.clear();
    this.pendingPrefixes.clear();
    this.pendingSteps.clear();
    this.pendingResults = [];
    this.sink.write(batch, wait);
  }

  flush(): void {
    this.handOver(true);
  }

  /**
   * Records a new run, or marks an existing one running again (for `--resume`). The command is stored with
   * credentials masked (see `redactSecrets`): `--base-url http://user:password@host/v1?api_key=…` is kept as
   * `http://***@host/v1?api_key=***`.
   */
  startRun(run: Omit<RunRecord, 'createdAt' | 'updatedAt' | 'status'>): void {
    const time = this.now();
    const command = { ...run.command, argv: run.command.argv.map((argument) => redactSecrets(argument)) };
    this.database
      .prepare(
        `INSERT INTO runs (id, created_at, updated_at, status, command_json, shard, owner_json)
         VALUES (?, ?, ?, 'running', ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = 'running', updated_at = excluded.updated_at,
           owner_json = excluded.owner_json`,
      )
      .run(
        run.id,
        time,
        time,
        JSON.stringify(command),
        run.shard ? `${run.shard.index}/${run.shard.count}` : null,
        JSON.stringify({ pid: process.pid, host: hostname() } satisfies RunOwner),
      );
  }

  /** Records a program's run within a run, or marks it running again. */
  startProgramRun(record: Omit<ProgramRunRecord, 'status'>): void {
    this.database
      .prepare(
        `INSERT INTO program_runs (run_id, program_name, program_file, program_hash, interpreter_id, base_seed, samples_per_case, planned, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running')
         ON CONFLICT (run_id, program_name, interpreter_id) DO UPDATE SET status = 'running', program_file = excluded.program_file, program_hash = excluded.program_hash,
           base_seed = excluded.base_seed, samples_per_case = excluded.samples_per_case, planned = excluded.planned`,
      )
      .run(
        record.runId,
        record.programName,
        record.programFile,
        record.programHash,
        record.interpreterId,
        record.baseSeed,
        record.samplesPerCase,
        record.planned,
      );
  }

  endProgramRun(key: ProgramRunKey, status: RunStatus): void {
    this.flush();
    this.database.prepare('UPDATE program_runs SET status = ? WHERE id = ?').run(status, this.programRunId(key));
  }

  endRun(id: string, status: RunStatus): void {
    this.flush();
    this.database.prepare('UPDATE runs SET status = ?, updated_at = ? WHERE id = ?').run(status, this.now(), id);
  }

  getRun(id: string): RunRecord | undefined {
    const row = this.database.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?').get(id);
    return row ? toRunRecord(row) : undefined;
  }

  listRuns(): RunRecord[] {
    return this.database.prepare<[], RunRow>('SELECT * FROM runs ORDER BY created_at, id').all().map(toRunRecord);
  }

  /** How many verified samples each run holds, by run id; a run that holds none is absent. */
  storedSampleCounts(): Map<string, number> {
    this.flush();
    const rows = this.database
      .prepare<[], { run_id: string; count: number }>(
        `SELECT pr.run_id, COUNT(*) AS count FROM results r JOIN program_runs pr ON pr.id = r.program_run_id
         GROUP BY pr.run_id`,
      )
      .all();
    return new Map(rows.map((row) => [row.run_id, row.count]));
  }

  programRuns(runId: string): ProgramRunRecord[] {
    return this.database
      .prepare<[string], Record<string, string | number>>(
        'SELECT * FROM program_runs WHERE run_id = ? ORDER BY program_name, interpreter_id',
      )
      .all(runId)
      .map((row) => ({
        runId: String(row.run_id),
        programName: String(row.program_name),
        programFile: String(row.program_file),
        programHash: String(row.program_hash),
        interpreterId: String(row.interpreter_id),
        baseSeed: Number(row.base_seed),
        samplesPerCase: Number(row.samples_per_case),
        planned: Number(row.planned),
        status: row.status as RunStatus,
      }));
  }

  results(key: ProgramRunKey): ResultRecord[] {
    this.flush();
    return this.database
      .prepare<
        [string, string, string],
        { case_id: string; sample_index: number; seed: number; sample_key: string; score_json: string; success: number }
      >(
        `SELECT case_id, sample_index, seed, sample_key, score_json, success FROM results
         WHERE program_run_id = (SELECT id FROM program_runs WHERE run_id = ? AND program_name = ? AND interpreter_id = ?)
         ORDER BY case_id, sample_index`,
      )
      .all(key.runId, key.programName, key.interpreterId)
      .map((row) => ({
        caseId: row.case_id,
        sampleIndex: row.sample_index,
        seed: row.seed,
        sampleKey: row.sample_key,
        score: JSON.parse(row.score_json),
        success: row.success === 1,
      }));
  }

  /** Writes what is buffered and closes the file. */
  close(): void {
    this.flush();
    this.sink.close();
    this.database.close();
  }
}

function toRunRecord(row: RunRow): RunRecord {
  const shard = row.shard ? parseShard(row.shard) : undefined;
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    status: row.status,
    command: JSON.parse(row.command_json),
    ...(shard ? { shard } : {}),
    ...(row.owner_json ? { owner: JSON.parse(row.owner_json) as RunOwner } : {}),
  };
}
