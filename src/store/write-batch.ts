import type Database from 'better-sqlite3';

/** Rows waiting to be written, in the column order of their tables. */
export interface WriteBatch {
  /** `[hash, messages_json]` for the prompts table. */
  readonly prompts: readonly (readonly [string, string])[];
  /** `[prefix, interpreter_id, prompt_hash]` for the key_prefixes table. */
  readonly prefixes: readonly (readonly [string, string, string])[];
  /** `[hash, score_json]` for the score_texts table. */
  readonly scores: readonly (readonly [string, string])[];
  /** `[key, step_json, created_at]` for the samples table. */
  readonly steps: readonly (readonly unknown[])[];
  /** `[program_run_id, case_id, sample_index, seed, sample_key, score_json, success, trace_json]` for the results table. */
  readonly results: readonly (readonly unknown[])[];
  /** `[status, program_run_id]`: program runs that ended, written after the results. */
  readonly statuses: readonly (readonly [string, number])[];
}

/** Rows inserted by one statement: many rows a statement cost less per row than one. */
const rowsPerStatement = 64;

/** Inserts rows of `columns` values with `insert` (the statement up to VALUES), many per statement. */
function rowInserts(
  database: Database.Database,
  insert: string,
  columns: number,
): (rows: readonly (readonly unknown[])[]) => void {
  const tuple = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  const one = database.prepare(`${insert} ${tuple}`);
  const many = database.prepare(`${insert} ${Array.from({ length: rowsPerStatement }, () => tuple).join(', ')}`);
  return (rows) => {
    let start = 0;
    for (; start + rowsPerStatement <= rows.length; start += rowsPerStatement) {
      many.run(rows.slice(start, start + rowsPerStatement).flat());
    }
    for (; start < rows.length; start++) one.run(rows[start]);
  };
}

/** Returns a function that writes a batch to `database` in one transaction: all of it, or nothing. */
export function batchWriter(database: Database.Database): (batch: WriteBatch) => void {
  const insertPrompt = database.prepare('INSERT OR IGNORE INTO prompts (hash, messages_json) VALUES (?, ?)');
  const insertPrefix = database.prepare(
    'INSERT OR IGNORE INTO key_prefixes (prefix, interpreter_id, prompt_hash) VALUES (?, ?, ?)',
  );
  const updateStatus = database.prepare('UPDATE program_runs SET status = ? WHERE id = ?');
  const insertScore = database.prepare('INSERT OR IGNORE INTO score_texts (hash, score_json) VALUES (?, ?)');
  const insertSteps = rowInserts(database, 'INSERT OR REPLACE INTO samples (key, step_json, created_at) VALUES', 3);
  const insertResults = rowInserts(
    database,
    'INSERT OR REPLACE INTO results (program_run_id, case_id, sample_index, seed, sample_key, score_json, success, trace_json) VALUES',
    8,
  );
  return database.transaction((batch: WriteBatch) => {
    for (const [hash, messages] of batch.prompts) insertPrompt.run(hash, messages);
    for (const [prefix, interpreterId, promptHash] of batch.prefixes)
      insertPrefix.run(prefix, interpreterId, promptHash);
    for (const [hash, json] of batch.scores) insertScore.run(hash, json);
    insertSteps(batch.steps);
    insertResults(batch.results);
    for (const [status, id] of batch.statuses) updateStatus.run(status, id);
  });
}

/** Opens a store file for writing with the settings every connection of the store uses. */
export function configureConnection(database: Database.Database): void {
  // First, so that every step below waits for a lock another process holds instead of failing at once.
  database.pragma('busy_timeout = 5000');
  whileBusy(() => database.pragma('journal_mode = WAL'));
  database.pragma('synchronous = NORMAL');
}

/** How long a change of journal mode is retried while other processes hold the new file. */
const busyRetryMs = 10_000;

/**
 * Runs `action`, again and again while SQLite answers SQLITE_BUSY, for at most `busyRetryMs`. Switching a new file
 * to WAL needs an exclusive lock, and SQLite answers BUSY at once, without its busy handler, when waiting could
 * deadlock: so several processes creating one store at once would fail without this.
 */
function whileBusy<T>(action: () => T): T {
  const deadline = Date.now() + busyRetryMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 1; ; attempt++) {
    try {
      return action();
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
      // A short pause that grows, randomised so that processes that collided do not collide again.
      Atomics.wait(pause, 0, 0, Math.min(100, attempt * 5) * (0.5 + Math.random()));
    }
  }
}
