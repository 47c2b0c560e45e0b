/**
 * The store's schema, as an ordered list of migrations. Migration i takes the schema from version i to i + 1;
 * `PRAGMA user_version` records the version a file is at. Never edit a released migration: add one.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'interrupted')),
    command_json TEXT NOT NULL,
    shard TEXT
  );
  CREATE TABLE program_runs (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id),
    program_name TEXT NOT NULL,
    program_file TEXT NOT NULL,
    program_hash TEXT NOT NULL,
    interpreter_id TEXT NOT NULL,
    base_seed INTEGER NOT NULL,
    samples_per_case INTEGER NOT NULL,
    planned INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'interrupted')),
    UNIQUE (run_id, program_name, interpreter_id)
  );
  CREATE TABLE prompts (
    hash TEXT PRIMARY KEY,
    messages_json TEXT NOT NULL
  ) WITHOUT ROWID;
  -- One row per prompt on one interpreter with one set of settings: the shared first part of its samples' keys.
  CREATE TABLE key_prefixes (
    prefix TEXT PRIMARY KEY,
    interpreter_id TEXT NOT NULL,
    prompt_hash TEXT NOT NULL REFERENCES prompts(hash)
  ) WITHOUT ROWID;
  -- The cache. A key is its prefix, a dot and the seed in base 36, so one case's samples sit together.
  CREATE TABLE samples (
    key TEXT PRIMARY KEY,
    step_json TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE results (
    program_run_id INTEGER NOT NULL REFERENCES program_runs(id),
    case_id TEXT NOT NULL,
    sample_index INTEGER NOT NULL,
    seed INTEGER NOT NULL,
    sample_key TEXT NOT NULL,
    score_json TEXT NOT NULL,
    success INTEGER NOT NULL,
    PRIMARY KEY (program_run_id, case_id, sample_index)
  ) WITHOUT ROWID;
  `,
  // v2: a result of several steps names every step's key in trace order (see stored-trace.ts); null keeps the v1
  // meaning, the final step alone, so v1 results read as before.
  `
  ALTER TABLE results ADD COLUMN trace_json TEXT;
  `,
  // v3: the process working on a run ({ pid, host }), so that a run whose process was killed can be told from one
  // still going; null in runs written before.
  `
  ALTER TABLE runs ADD COLUMN owner_json TEXT;
  `,
  // v4: a score that many results share (a plain verifier gives the same few) is stored once, under the hash of its
  // JSON; such a result's score_json is then '#' and that hash (see score-texts.ts). Scores written before stay inline.
  `
  CREATE TABLE score_texts (
    hash TEXT PRIMARY KEY,
    score_json TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
];

/** The schema version this build of informal writes. */
export const schemaVersion = migrations.length;
