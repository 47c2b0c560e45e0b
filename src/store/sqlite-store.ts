import { hostname } from 'node:os';
import type { Message } from '../contracts/interpreter-call.js';
import type { SampleRecord } from '../contracts/program-run.js';
import type { CachedStep, ProgramRunKey, SampleStore, StepKeys } from '../contracts/sample-store.js';
import { redactKnownSecretsDeep, redactSecrets } from '../util/redact-secrets.js';
import { type BatchSink, inlineSink, threadSink, writerThreadAvailable } from './batch-sink.js';
import { runOwnerAlive } from './run-liveness.js';
import { ScoreTexts } from './score-texts.js';
import { stepFromJson, stepToJson } from './step-json.js';
import { parseStoredJson } from './store-open-error.js';
import { StoreReader } from './store-reader.js';
import type { ProgramRunRecord, RunClaim, RunOwner, RunRecord, RunStatus } from './store-types.js';
import { storedTraceJson } from './stored-trace.js';
import type { WriteBatch } from './write-batch.js';

export { StoreDamagedError, StoreOpenError, StoreVersionError, StoreWriteError } from './store-open-error.js';

/** The default place of the store, relative to the project's folder. */
export const defaultStorePath = '.informal/store.sqlite';

/** Writes wait in memory until this many rows are buffered or this much time has passed, then go in one transaction. */
const flushRows = 2000;
const flushDelayMs = 100;

/**
 * The SQLite store (better-sqlite3, WAL): runs, cached interpreter results, and verified results. Implements the
 * engine's `SampleStore`; reads as `StoreReader` does, and sees its own buffered writes. Writes are batched into
 * transactions, so a killed process loses at most the last fraction of a second of samples, and never leaves half a
 * sample.
 */
export class SqliteStore extends StoreReader implements SampleStore {
  /** Steps by key, as JSON. */
  private readonly pendingSteps = new Map<string, string>();
  /** Key prefixes first seen since the last batch: prefix → [interpreter id, prompt hash]. */
  private readonly pendingPrefixes = new Map<string, readonly [string, string]>();

  private readonly pendingPrompts = new Map<string, string>();
  /** Prefixes already handed to the writer by this store, so each is written once. */
  private readonly knownPrefixes = new Set<string>();
  private pendingResults: unknown[][] = [];
  /** Program runs that ended since the last batch: `[status, program_run_id]`. */
  private pendingStatuses: [string, number][] = [];
  /** Scores first stored once in this batch: `[hash, score_json]`. */
  private pendingScores: [string, string][] = [];
  private readonly scoreTexts = new ScoreTexts();
  private readonly programRunIds = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  private readonly sink: BatchSink;

  /**
   * Opens (creating when absent) the store at `path`. Samples and results are written by a writer thread when the
   * built package has one (`writerThread`, on by default), else on this thread; either way `flush` makes them durable.
   */
  constructor(
    path: string,
    private readonly now: () => number = Date.now,
    options: { readonly writerThread?: boolean } = {},
  ) {
    super(path, 'write');
    const threaded = (options.writerThread ?? true) && writerThreadAvailable && path !== ':memory:';
    this.sink = threaded ? threadSink(path) : inlineSink(this.connection, path);
  }

  protected override settle(): void {
    this.flush();
  }

  lookupSteps(prefix: string): Map<string, CachedStep> {
    this.sink.drain();
    const found = new Map<string, CachedStep>();
    // Keys are `${prefix}.${seed}`: the range from "prefix." up to "prefix/" holds exactly that prompt's samples.
    const lookup = this.statement<[string, string], { key: string; step_json: string }>(
      'SELECT key, step_json FROM samples WHERE key >= ? AND key < ?',
    );
    for (const row of lookup.iterate(`${prefix}.`, `${prefix}/`)) {
      found.set(
        row.key,
        this.readingStored(() => stepFromJson(row.step_json)),
      );
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
      id = this.statement<[string, string, string], { id: number }>(
        'SELECT id FROM program_runs WHERE run_id = ? AND program_name = ? AND interpreter_id = ?',
      ).get(run.runId, run.programName, run.interpreterId)?.id;
      if (id === undefined) throw new Error(`program run ${mapKey} was not started in the store`);
      this.programRunIds.set(mapKey, id);
    }
    return id;
  }

  saveResult(run: ProgramRunKey, record: SampleRecord, key: string, stepKeys?: StepKeys): void {
    const score = this.scoreTexts.store(JSON.stringify(redactKnownSecretsDeep(record.score)));
    if (score.row) this.pendingScores.push([...score.row]);
    this.pendingResults.push([
      this.programRunId(run),
      record.caseId,
      record.index,
      record.seed,
      key,
      score.stored,
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
    if (this.pendingSteps.size === 0 && this.pendingResults.length === 0 && this.pendingStatuses.length === 0) {
      if (wait) this.sink.drain();
      return;
    }
    const createdAt = this.now();
    const steps: unknown[][] = [];
    for (const [key, step] of this.pendingSteps) steps.push([key, step, createdAt]);
    const prefixes = [...this.pendingPrefixes].map(
      ([prefix, [interpreterId, promptHash]]) => [prefix, interpreterId, promptHash] as const,
    );
    const batch: WriteBatch = {
      prompts: [...this.pendingPrompts],
      prefixes,
      scores: this.pendingScores,
      steps,
      results: this.pendingResults,
      statuses: this.pendingStatuses,
    };
    this.pendingStatuses = [];
    this.pendingScores = [];
    this.pendingPrompts.clear();
    this.pendingPrefixes.clear();
    this.pendingSteps.clear();
    this.pendingResults = [];
    this.sink.write(batch, wait);
  }

  flush(): void {
    this.handOver(true);
  }

  /** As `flush`, but waits for the writer thread without blocking this one: other runs go on meanwhile. */
  async flushed(): Promise<void> {
    this.handOver(false);
    await this.sink.drained();
  }

  /**
   * Records a new run, or claims an existing one for `--resume`: marks it running, owned by this process. A run that
   * another live process of this machine is working on is not claimed: the answer names that process, and nothing
   * is written. Reading the owner and claiming are one transaction, so of two processes resuming one run at once,
   * exactly one claims it. The command is stored with credentials masked (see `redactSecrets`):
   * `--base-url http://user:password@host/v1?api_key=…` is kept as `http://***@host/v1?api_key=***`.
   */
  startRun(run: Omit<RunRecord, 'createdAt' | 'updatedAt' | 'status'>): RunClaim {
    const time = this.now();
    const command = { ...run.command, argv: run.command.argv.map((argument) => redactSecrets(argument)) };
    const owner: RunOwner = { pid: process.pid, host: hostname() };
    return this.connection
      .transaction((): RunClaim => {
        const held = this.connection
          .prepare('SELECT owner_json FROM runs WHERE id = ? AND status = ?')
          .get(run.id, 'running') as { owner_json: string | null } | undefined;
        const holder = held?.owner_json
          ? parseStoredJson<RunOwner>(this.path, held.owner_json, `the owner of run ${run.id}`)
          : undefined;
        if (holder && holder.pid !== process.pid && runOwnerAlive(holder, owner.host)) {
          return { claimed: false, owner: holder };
        }
        this.connection
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
            JSON.stringify(owner),
          );
        return { claimed: true };
      })
      .immediate();
  }

  /** Records a program's run within a run, or marks it running again. */
  startProgramRun(record: Omit<ProgramRunRecord, 'status'>): void {
    this.connection
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

  /**
   * Marks a program run's end: written with the next batch, after its results, so that a program run is never
   * marked complete before its results are durable, and without waiting here for the disk.
   */
  endProgramRun(key: ProgramRunKey, status: RunStatus): void {
    this.pendingStatuses.push([status, this.programRunId(key)]);
    this.handOver(false);
  }

  endRun(id: string, status: RunStatus): void {
    this.flush();
    this.connection.prepare('UPDATE runs SET status = ?, updated_at = ? WHERE id = ?').run(status, this.now(), id);
  }

  /** Writes what is buffered and closes the file. */
  override close(): void {
    this.flush();
    this.sink.close();
    super.close();
  }
}
