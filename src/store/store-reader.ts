import type Database from 'better-sqlite3';
import type { RecordedRuns } from '../contracts/recorded-runs.js';
import type { CachedStep, ProgramRunKey } from '../contracts/sample-store.js';
import type { Score } from '../contracts/score.js';
import type { Shard } from '../contracts/shard.js';
import { openStoreDatabase, type StoreAccess } from './open-store-database.js';
import { referencedScore } from './score-texts.js';
import { stepFromJson } from './step-json.js';
import { parseStoredJson, StoreDamagedError } from './store-open-error.js';
import type { ProgramRunRecord, ResultRecord, RunOwner, RunRecord, RunStatus, StoredSample } from './store-types.js';
import { rebuildSteps, stepReader } from './stored-trace.js';

interface RunRow {
  id: string;
  created_at: number;
  updated_at: number;
  status: RunStatus;
  command_json: string;
  shard: string | null;
  owner_json: string | null;
}

interface ProgramRunRow {
  run_id: string;
  program_name: string;
  program_file: string;
  program_hash: string;
  interpreter_id: string;
  base_seed: number;
  samples_per_case: number;
  planned: number;
  status: RunStatus;
}

interface ResultRow {
  case_id: string;
  sample_index: number;
  seed: number;
  sample_key: string;
  score_json: string;
  success: number;
  trace_json: string | null;
}

/** The results of one program run, in case and sample order. */
const resultsOfProgramRun = `SELECT r.case_id, r.sample_index, r.seed, r.sample_key, r.score_json, r.success, r.trace_json
  FROM results r JOIN program_runs pr ON pr.id = r.program_run_id
  WHERE pr.run_id = ? AND pr.program_name = ? AND pr.interpreter_id = ?
  ORDER BY r.case_id, r.sample_index`;

/**
 * The read side of the SQLite store: runs, their program runs and their verified samples with their steps, as plain
 * records. `new StoreReader(path)` opens an existing store read-only, as the commands that only read (`runs`,
 * `report`, `export`, `compare`) do, so that a file one may not write can still be read. `SqliteStore` extends it.
 * Implements `RecordedRuns`, what `replay:` answers from.
 */
export class StoreReader implements RecordedRuns {
  /** The open file; only the store's own classes reach it. */
  protected readonly connection: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  /** Scores stored once and already read, by hash: few, since only repeated scores are stored so. */
  readonly #sharedScores = new Map<string, Score>();

  /**
   * Opens the store at `path`: read-only by default (the file must exist); `write` is `SqliteStore`'s. Throws a
   * `StoreOpenError` for a file that cannot be opened, a `StoreVersionError` for a file of a newer informal.
   */
  constructor(
    readonly path: string,
    access: StoreAccess = 'read',
  ) {
    this.connection = openStoreDatabase(path, access);
  }

  /** The statement of `sql`, prepared once per store. */
  protected statement<Parameters extends unknown[], Row>(sql: string): Database.Statement<Parameters, Row> {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement as unknown as Database.Statement<Parameters, Row>;
  }

  /** Makes what the store has buffered readable; nothing to do for a store that only reads. */
  protected settle(): void {}

  /** The run of this id; undefined when the store has none. */
  getRun(id: string): RunRecord | undefined {
    const row = this.statement<[string], RunRow>('SELECT * FROM runs WHERE id = ?').get(id);
    return row ? toRunRecord(this.path, row) : undefined;
  }

  /** Every run, oldest first. */
  listRuns(): RunRecord[] {
    return this.statement<[], RunRow>('SELECT * FROM runs ORDER BY created_at, id')
      .all()
      .map((row) => toRunRecord(this.path, row));
  }

  /** How many verified samples each run holds, by run id; a run that holds none is absent. */
  storedSampleCounts(): Map<string, number> {
    this.settle();
    const rows = this.statement<[], { run_id: string; count: number }>(
      `SELECT pr.run_id, COUNT(*) AS count FROM results r JOIN program_runs pr ON pr.id = r.program_run_id
       GROUP BY pr.run_id`,
    ).all();
    return new Map(rows.map((row) => [row.run_id, row.count]));
  }

  /** The program runs of a run, by program name, then interpreter id. */
  programRuns(runId: string): ProgramRunRecord[] {
    return this.statement<[string], ProgramRunRow>(
      'SELECT * FROM program_runs WHERE run_id = ? ORDER BY program_name, interpreter_id',
    )
      .all(runId)
      .map((row) => ({
        runId: row.run_id,
        programName: row.program_name,
        programFile: row.program_file,
        programHash: row.program_hash,
        interpreterId: row.interpreter_id,
        baseSeed: row.base_seed,
        samplesPerCase: row.samples_per_case,
        planned: row.planned,
        status: row.status,
      }));
  }

  /** The ids of the interpreters a run's programs ran on, sorted, each once. */
  runInterpreters(runId: string): string[] {
    return this.statement<[string], { interpreter_id: string }>(
      'SELECT DISTINCT interpreter_id FROM program_runs WHERE run_id = ? ORDER BY interpreter_id',
    )
      .all(runId)
      .map((row) => row.interpreter_id);
  }

  /** The verified samples of a program run, by case and index, without their steps. */
  results(key: ProgramRunKey): ResultRecord[] {
    this.settle();
    return this.statement<[string, string, string], ResultRow>(resultsOfProgramRun)
      .all(key.runId, key.programName, key.interpreterId)
      .map((row) => ({
        caseId: row.case_id,
        sampleIndex: row.sample_index,
        seed: row.seed,
        sampleKey: row.sample_key,
        score: this.scoreOf(row.score_json),
        success: row.success === 1,
      }));
  }

  /** A result's score: its `score_json`, or the row of `score_texts` it refers to (see `ScoreTexts`). */
  private scoreOf(stored: string): Score {
    const hash = referencedScore(stored);
    if (hash === undefined) return parseStoredJson<Score>(this.path, stored, 'a stored score');
    let score = this.#sharedScores.get(hash);
    if (!score) {
      const row = this.statement<[string], { score_json: string }>(
        'SELECT score_json FROM score_texts WHERE hash = ?',
      ).get(hash);
      if (!row) throw new StoreDamagedError(this.path, `a result refers to a score that is not stored (${hash})`);
      score = parseStoredJson<Score>(this.path, row.score_json, 'a stored score');
      this.#sharedScores.set(hash, score);
    }
    return score;
  }

  /**
   * The verified samples of a program run, by case and index, each with its steps rebuilt (see `rebuildSteps`).
   * Read one at a time, so that a large run is never all in memory.
   */
  *readSamples(key: ProgramRunKey): Generator<StoredSample> {
    this.settle();
    const read = stepReader(this.connection);
    // Prepared for this read alone: a statement being iterated cannot run again until the iteration ends.
    const rows = this.connection.prepare<[string, string, string], ResultRow>(resultsOfProgramRun);
    for (const row of rows.iterate(key.runId, key.programName, key.interpreterId)) {
      const { steps, complete } = this.readingStored(() =>
        rebuildSteps(row.trace_json, row.sample_key, read, {
          interpreterId: key.interpreterId,
          caseId: row.case_id,
          sampleIndex: row.sample_index,
          settings: {},
        }),
      );
      yield {
        caseId: row.case_id,
        sampleIndex: row.sample_index,
        seed: row.seed,
        sampleKey: row.sample_key,
        score: this.scoreOf(row.score_json),
        success: row.success === 1,
        steps,
        complete,
      };
    }
  }

  /** The step cached under `key`, without its messages; undefined when none was. */
  findStep(key: string): CachedStep | undefined {
    const row = this.statement<[string], { step_json: string }>('SELECT step_json FROM samples WHERE key = ?').get(key);
    return row ? this.readingStored(() => stepFromJson(row.step_json)) : undefined;
  }

  /** Runs `read`, which parses JSON the store holds: text that is not JSON means the file is damaged. */
  protected readingStored<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (error instanceof SyntaxError) throw new StoreDamagedError(this.path, `stored JSON is cut (${error.message})`);
      throw error;
    }
  }

  /** Closes the file. */
  close(): void {
    this.connection.close();
  }
}

/** A shard as the store keeps it, `index/count`. */
function storedShard(text: string | null): Shard | undefined {
  const match = text === null ? null : /^(\d+)\/(\d+)$/.exec(text);
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && index <= count ? { index, count } : undefined;
}

function toRunRecord(path: string, row: RunRow): RunRecord {
  const shard = storedShard(row.shard);
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    status: row.status,
    command: parseStoredJson(path, row.command_json, `the command of run ${row.id}`),
    ...(shard ? { shard } : {}),
    ...(row.owner_json ? { owner: parseStoredJson<RunOwner>(path, row.owner_json, `the owner of run ${row.id}`) } : {}),
  };
}
